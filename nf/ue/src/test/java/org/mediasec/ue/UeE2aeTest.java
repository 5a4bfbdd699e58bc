package org.mediasec.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.ue.UeTestSupport.await;
import static org.mediasec.ue.UeTestSupport.awaitCondition;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;
import org.mediasec.msrp.netty.MsrpEndpoint;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.sdp.ConnectionData;
import org.mediasec.sdp.E2aeIndication;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsOptions;
import org.mediasec.transport.Transports;

/**
 * e2ae from the calling UE's side without a P-CSCF: the answer is rewritten on its way to alice the
 * way the IMS-ALG rewrites it (ImsAlgOriginatingTest: c=/m= of the AGW's access side, the AGW's
 * fingerprint, {@code a=3ge2ae:applied}, a=path untouched), and a stand-in AGW terminates the TLS.
 * Alice must connect to that address, accept only that certificate, and chat over it.
 */
@Tag("slow")
class UeE2aeTest {
    @TempDir
    Path dir;

    @Test
    void theUeConnectsToTheAgwAddressAndPinsTheAgwFingerprint() throws Exception {
        LocalIdentity agwIdentity = LocalIdentity.selfSigned("agw.example.net");
        BlockingQueue<String> atAgw = new LinkedBlockingQueue<>();
        AtomicReference<SessionDescription> offerSeenByBob = new AtomicReference<>();
        try (Transports loops = Transports.create("fake-agw", 1, Transports.Kind.preferred());
             MsrpEndpoint agw = MsrpEndpoint.tls(loops, agwIdentity, TlsOptions.DEFAULTS, MsrpSessionConfig.DEFAULT);
             Core core = Core.start(CoreConfig.defaults().withPort(0));
             Ue alice = Ue.start(UeTestSupport.config("alice", core.port(), dir));
             Ue bob = Ue.start(UeTestSupport.config("bob", core.port(), dir))) {
            InetSocketAddress agwAccess = agw.listen(new InetSocketAddress("127.0.0.1", 0));
            await(alice.register());
            await(bob.register());
            bob.incomingSdpFilter(offer -> {
                offerSeenByBob.set(offer);
                return offer;
            });
            AtomicReference<MsrpSession> agwSession = new AtomicReference<>();
            alice.incomingSdpFilter(answer -> {
                SessionDescription rewritten = asImsAlg(answer, agwAccess, agwIdentity);
                // the AGW's access termination: TLS server pinned to alice (Remote certificate fingerprint)
                MsrpSessionSpec spec = MsrpSessionSpec.fromSdp(rewritten, 0, offerSeenByBob.get(), 0, false);
                agwSession.set(agw.open(spec, new MsrpSessionListener() {
                    @Override
                    public void messageReceived(ReceivedMessage m) {
                        atAgw.add(m.text());
                    }
                }));
                return rewritten;
            });

            UeCall call = await(alice.call("bob", SecurityMode.E2AE));
            assertThat(call.mode()).isEqualTo(SecurityMode.E2AE);
            assertThat(call.localSdp().media().get(0).get(SdpAttributes.E2AE)).contains(E2aeIndication.REQUESTED);
            TlsInfo tls = call.tlsInfo().orElseThrow();
            assertThat(tls.remoteAddress()).isEqualTo("127.0.0.1:" + agwAccess.getPort());
            assertThat(tls.peerFingerprint()).contains(agwIdentity.fingerprint());
            assertThat(tls.peerVerified()).isTrue();
            assertThat(tls.localRole()).isEqualTo("client");

            await(call.sendText("through the access edge"));
            assertThat(atAgw.poll(UeTestSupport.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("through the access edge");

            // a chat message wrapped in CPIM (RFC 3862), as IMS/RCS clients send them, arrives as text
            UeTestSupport.Recorder atAlice = new UeTestSupport.Recorder();
            call.addListener(atAlice);
            agwSession.get().send(org.mediasec.msrp.session.MsrpPayload.of("message/cpim", org.mediasec.common.Bytes.utf8(
                    "From: <sip:bob@ims.example.net>\r\nTo: <sip:alice@ims.example.net>\r\nDateTime: 2026-11-27T10:00:00Z\r\n\r\n"
                            + "Content-Type: text/plain;charset=UTF-8\r\n\r\nwrapped hello")),
                    org.mediasec.msrp.session.SendOptions.DEFAULT);
            assertThat(atAlice.nextText()).isEqualTo("wrapped hello");
            await(call.hangup());
            awaitCondition("bob's side ended", () -> bob.calls().isEmpty());
            agwSession.get().close();
            awaitCondition("alice's MSRP connection closed", () -> alice.msrpConnectionCount() == 0);
        }
    }

    /** What the IMS-ALG does to an answer on the originating side (specs.md §1.4 (C)). */
    static SessionDescription asImsAlg(SessionDescription answer, InetSocketAddress agw, LocalIdentity agwIdentity) {
        MediaDescription m = answer.media().get(0).toBuilder()
                .port(agw.getPort())
                .connection(ConnectionData.of(agw.getAddress().getHostAddress()))
                .setAll(SdpAttributes.FINGERPRINT, List.of(agwIdentity.fingerprint()))
                .set(SdpAttributes.E2AE, E2aeIndication.APPLIED)
                .build();
        return answer.toBuilder().setMedia(0, m).build();
    }
}
