package org.mediasec.msrp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.session.MsrpReport;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.ReceivedMessage;

/**
 * The receiving half of a session (RFC 4975 §7.3): SEND chunks reassembled per Message-ID, answered
 * as Failure-Report asks, success and failure REPORTs sent, and REPORTs from the peer passed on.
 */
final class MessageReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(MessageReceiver.class);

    private final MsrpSessionMachine session;
    private final MsrpSessionConfig config;
    private final Map<String, IncomingMessage> incoming = new HashMap<>();
    private List<String> acceptTypes = List.of("*");

    MessageReceiver(MsrpSessionMachine session, MsrpSessionConfig config) {
        this.session = session;
        this.config = config;
    }

    void setAcceptTypes(List<String> types) {
        this.acceptTypes = List.copyOf(types);
    }

    int incomingCount() {
        return incoming.size();
    }

    /** {@code body}: the chunk's octets ({@code r}'s own, or kept apart from it by the connection), read here only. */
    void onSend(MsrpWire from, MsrpRequest r, ByteBuffer body) {
        Optional<MsrpHeader.MessageId> mid = r.messageId();
        if (mid.isEmpty()) {
            session.respond(from, r, MsrpStatus.UNINTELLIGIBLE);
            return;
        }
        String id = mid.get().id();
        int size = body.remaining();
        MsrpContinuation flag = r.continuation();
        // RFC 4975 §7.3.1: "If the request contains no Byte-Range header field, or contains one with a
        // range-start value of "1", and the closing line continuation flag has a value of "$", then the
        // request contained the entire message." Without one, the chunk starts at 1 with "*" for the rest.
        MsrpHeader.ByteRange range = r.byteRange().orElseGet(() -> new MsrpHeader.ByteRange(1,
                MsrpHeader.ByteRange.UNKNOWN, MsrpHeader.ByteRange.UNKNOWN));
        if (flag == MsrpContinuation.ABORT) {
            IncomingMessage im = incoming.remove(id);
            if (im != null) {
                im.discard();
            }
            session.respond(from, r, MsrpStatus.OK);
            LOG.debug("{} peer aborted message {}", session.tag(), id);
            session.emit(l -> l.messageAborted(id));
            return;
        }
        IncomingMessage im = incoming.get(id);
        if (im == null) {
            if (r.content().isEmpty() && size == 0 && flag == MsrpContinuation.COMPLETE && range.start() == 1) {
                // a body-less SEND (the opener's first SEND, or a keep-alive): acknowledged, nothing to deliver
                session.respond(from, r, MsrpStatus.OK);
                return;
            }
            // RFC 4975 §7.3.1: "If the SEND request contained a Content-Type header field indicating an
            // unsupported media-type, and the Failure-Report value is not "no", the receiver MUST
            // generate a response with a status code of 415." (respond() leaves it out under "no".)
            if (r.content().isPresent() && !accepted(r.content().get().contentType())) {
                session.respond(from, r, MsrpStatus.MIME_NOT_UNDERSTOOD);
                return;
            }
            if (incoming.size() >= config.maxIncomingMessages()) {
                session.respond(from, r, MsrpStatus.STOP_SENDING);
                return;
            }
            im = new IncomingMessage(id, config);
            incoming.put(id, im);
        }
        long before = im.received();
        MsrpStatus status;
        try {
            status = im.accept(range, r.content().map(MsrpContent::contentType), body, flag,
                    r.successReport(), r.failureReport());
        } catch (IOException e) {
            LOG.warn("{} cannot store message {}: {}", session.tag(), id, e.toString());
            status = MsrpStatus.STOP_SENDING;
        }
        if (!status.isSuccess()) {
            incoming.remove(id);
            im.discard();
            session.respond(from, r, status);
            // RFC 4975 §7.1.4: the error goes in the transaction response; a Failure-Report of "no"
            // means it "MUST NOT send a failure REPORT request". When earlier chunks were already
            // acknowledged, a failure REPORT also tells the sender that the whole message failed; "If a
            // failure REPORT request is sent in response to a SEND request that contained a chunk, it
            // MUST include a Byte-Range header field indicating the actual range being reported on. It
            // can take the range-start and total values from the original SEND request, but MUST
            // calculate the range-end field from the actual body data."
            if (r.failureReport() != MsrpHeader.FailureReport.Kind.NO && before > 0) {
                session.sendReport(id, range.withLength(size), status);
            }
            return;
        }
        session.respond(from, r, MsrpStatus.OK);
        IncomingMessage m = im;
        session.emit(l -> l.progress(id, false, m.received(), m.total()));
        if (im.complete()) {
            incoming.remove(id);
            deliver(im);
        }
    }

    private void deliver(IncomingMessage im) {
        String id = im.messageId();
        ReceivedMessage message;
        try {
            message = im.finish();
        } catch (IOException e) {
            im.discard();
            LOG.warn("{} cannot finish message {}: {}", session.tag(), id, e.toString());
            if (im.failureReport() != MsrpHeader.FailureReport.Kind.NO) {
                session.sendReport(id, new MsrpHeader.ByteRange(1, im.total(), im.total()), MsrpStatus.STOP_SENDING);
            }
            return;
        }
        if (im.successReport()) {
            // RFC 4975 §7.1.3: "When an endpoint receives a message in one or more chunks that contain a
            // Success-Report value of "yes", it MUST send a success report or reports covering all bytes
            // that are received successfully." ... "The receiver MAY wait until it receives the last
            // chunk of a message, and send a success report that covers the complete message."
            session.sendReport(id, new MsrpHeader.ByteRange(1, im.total(), im.total()), MsrpStatus.OK);
        }
        LOG.debug("{} message {} received ({} octets, {})", session.tag(), id, message.size(), message.contentType());
        session.emit(l -> l.messageReceived(message));
    }

    private boolean accepted(String contentType) {
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        // RFC 4975 §7.3.1: "All MSRP endpoints MUST be able to receive the multipart/mixed [15] and
        // multipart/alternative [15] media-types."
        if (type.equals("multipart/mixed") || type.equals("multipart/alternative")) {
            return true;
        }
        for (String a : acceptTypes) {
            String t = a.toLowerCase(Locale.ROOT);
            if (t.equals("*") || t.equals(type) || (t.endsWith("/*") && type.startsWith(t.substring(0, t.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** A REPORT from the peer about a message we sent. */
    void onReport(MsrpRequest r, MessageSender sender) {
        // RFC 4975 §7.1.2: "MSRP nodes MUST NOT send MSRP responses to REPORT requests." (nothing is
        // written here); "If an MSRP element receives a REPORT for a Message-ID it does not recognize,
        // it SHOULD silently ignore the REPORT." (the listener decides what it knows)
        Optional<MsrpHeader.MessageId> mid = r.messageId();
        Optional<MsrpHeader.Status> st = r.statusHeader();
        if (mid.isEmpty() || st.isEmpty()) {
            LOG.debug("{} REPORT {} without Message-ID or Status ignored", session.tag(), r.transactionId());
            return;
        }
        String id = mid.get().id();
        MsrpStatus status = st.get().code();
        MsrpHeader.ByteRange range = r.byteRange().orElseGet(() -> new MsrpHeader.ByteRange(1,
                MsrpHeader.ByteRange.UNKNOWN, MsrpHeader.ByteRange.UNKNOWN));
        session.emit(l -> l.reportReceived(new MsrpReport(id, status, range, false)));
        if (!status.isSuccess()) {
            sender.onFailureReport(id, status, range);
        }
    }

    /** Drops every partial message (and its spill file). */
    void shutdown() {
        for (IncomingMessage im : incoming.values()) {
            im.discard();
        }
        incoming.clear();
    }
}
