package org.mediasec.ue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.mediasec.sdp.SessionDescription;

/**
 * One established call with an MSRP session: chat, file transfer, TLS facts, hang-up. Thread-safe.
 */
public interface UeCall {

    /** The SIP Call-ID. */
    String callId();

    /** The far side's address of record, e.g. {@code sip:bob@ims.example.net}. */
    String remoteAor();

    /** True when this UE sent the INVITE. */
    boolean outgoing();

    /** How the MSRP stream is secured. */
    SecurityMode mode();

    /** The SDP this UE sent (offer or answer). */
    SessionDescription localSdp();

    /** The SDP this UE received (answer or offer), as received. */
    SessionDescription remoteSdp();

    /**
     * Sends a UTF-8 chat message; completes with its Message-ID when the far end answered 200, fails
     * with a {@link UeException} otherwise.
     */
    CompletionStage<String> sendText(String text);

    /**
     * Sends a file as one MSRP message ({@code application/octet-stream; name="..."}); completes when
     * every chunk was acknowledged, with the SHA-256 of what was sent.
     */
    CompletionStage<SentFile> sendFile(Path file, FileProgressListener progress);

    /** Adds a listener for received text and files and for the end of the call. */
    void addListener(UeCallListener listener);

    /** The TLS facts of the MSRP connection, once it is up. */
    Optional<TlsInfo> tlsInfo();

    /** Sends BYE and closes the MSRP session; completes when the BYE was answered (or timed out). */
    CompletionStage<CallEnd> hangup();

    /** Completes when the call ends, whoever ends it. */
    CompletionStage<CallEnd> ended();

    /** True until the call ended. */
    boolean active();
}
