package org.mediasec.sip;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Request building and outcome capture for the SIP-over-TLS tests. */
final class TlsPeers {
    private TlsPeers() {
    }

    /** What happened to the one request a test sent: a response, a timeout or an I/O error. */
    static final class Outcome implements SipEndpointListener {
        final CompletableFuture<Object> first = new CompletableFuture<>();
        final CompletableFuture<IncomingRequest> request = new CompletableFuture<>();
        private final int answer;

        Outcome(int answer) {
            this.answer = answer;
        }

        @Override
        public void onRequest(IncomingRequest r) {
            request.complete(r);
            if (!Request.ACK.equals(r.method())) {
                r.respond(answer);
            }
        }

        @Override
        public void onResponse(ResponseEvent event) {
            if (event.getResponse().getStatusCode() >= 200) {
                first.complete(event.getResponse());
            }
        }

        @Override
        public void onTimeout(TimeoutEvent event) {
            first.complete(event);
        }

        @Override
        public void onIoException(IOExceptionEvent event) {
            first.complete(event);
        }
    }

    /** {@code sip:user@host:port;transport=tls} toward an endpoint's TLS port. */
    static SipURI tlsUri(SipEndpoint to, String user) {
        try {
            SipURI uri = to.addressFactory().createSipURI(user, to.host());
            uri.setPort(to.port(SipTransport.TLS));
            uri.setTransportParam("tls");
            return uri;
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code sips:user@host:port} toward an endpoint's TLS port. */
    static SipURI sipsUri(SipEndpoint to, String user) {
        try {
            SipURI uri = to.addressFactory().createSipURI(user, to.host());
            uri.setPort(to.port(SipTransport.TLS));
            uri.setSecure(true);
            return uri;
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A request from {@code from} over TLS. The Contact is a SIPS URI when the Request-URI is one
     * (RFC 3261 §8.1.1.8: "If the Request-URI or top Route header field value contains a SIPS URI,
     * the Contact header field MUST contain a SIPS URI as well").
     */
    static Request request(SipEndpoint from, String method, URI target, String body) {
        try {
            var af = from.addressFactory();
            var hf = from.headerFactory();
            SipURI me = af.createSipURI("bob", from.host());
            me.setPort(from.port(SipTransport.TLS));
            boolean sips = target instanceof SipURI s && s.isSecure();
            if (sips) {
                me.setSecure(true);
            } else {
                me.setTransportParam("tls");
            }
            List<ViaHeader> via = new ArrayList<>(List.of(from.newVia(SipTransport.TLS)));
            Request r = from.messageFactory().createRequest(target, method, from.provider().getNewCallId(),
                    hf.createCSeqHeader(1L, method), hf.createFromHeader(af.createAddress(me), "f" + System.nanoTime()),
                    hf.createToHeader(af.createAddress(target), null), via, hf.createMaxForwardsHeader(70));
            r.addHeader(hf.createContactHeader(af.createAddress(me)));
            if (body != null) {
                r.setContent(body, hf.createContentTypeHeader("text", "plain"));
            }
            return r;
        } catch (ParseException | InvalidArgumentException e) {
            throw new AssertionError(e);
        }
    }

    static int status(Object outcome) {
        return outcome instanceof Response r ? r.getStatusCode() : -1;
    }
}
