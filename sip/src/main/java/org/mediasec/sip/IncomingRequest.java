package org.mediasec.sip;

import java.text.ParseException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.RequestEventExt;

/**
 * A request delivered by a {@link SipEndpoint}, with the means to answer it. Answers go through a
 * server transaction (created on first use), so retransmitted requests are answered by the stack.
 */
public final class IncomingRequest {
    private final RequestEvent event;
    private final SipProvider provider;
    private final MessageFactory messageFactory;
    private final AtomicBoolean finalResponseSent = new AtomicBoolean();
    private ServerTransaction serverTransaction;

    IncomingRequest(RequestEvent event, SipProvider provider, MessageFactory messageFactory) {
        this.event = event;
        this.provider = provider;
        this.messageFactory = messageFactory;
        this.serverTransaction = event.getServerTransaction();
    }

    public Request request() {
        return event.getRequest();
    }

    public String method() {
        return event.getRequest().getMethod();
    }

    /** The transport of the top Via ({@code UDP}, {@code TCP}, ...), upper case. */
    public String transport() {
        ViaHeader via = (ViaHeader) event.getRequest().getHeader(ViaHeader.NAME);
        return via == null ? "?" : via.getTransport().toUpperCase(java.util.Locale.ROOT);
    }

    /** The address the request came from, as {@code ip:port}, when the stack reports it. */
    public String remoteAddress() {
        if (event instanceof RequestEventExt ext) {
            return ext.getRemoteIpAddress() + ":" + ext.getRemotePort();
        }
        return "?";
    }

    /** A response to this request (RFC 3261 §8.2.6: copies Via, From, To, Call-ID, CSeq). */
    public Response createResponse(int statusCode) {
        try {
            return messageFactory.createResponse(statusCode, event.getRequest());
        } catch (ParseException e) {
            throw new IllegalArgumentException("status " + statusCode + ": " + e.getMessage(), e);
        }
    }

    /**
     * The server transaction of this request, created on first use (a proxy creates it before
     * forwarding, so the stack absorbs retransmissions). Not for ACK, which has no server transaction.
     */
    public synchronized ServerTransaction serverTransaction() {
        if (Request.ACK.equals(method())) {
            throw new IllegalStateException("ACK has no server transaction (RFC 3261 §17.1.1.3)");
        }
        if (serverTransaction == null) {
            try {
                serverTransaction = provider.getNewServerTransaction(event.getRequest());
            } catch (SipException e) {
                throw new SipEndpointException("cannot create a server transaction for " + method(), e);
            }
        }
        return serverTransaction;
    }

    /** Sends the response statefully. A 2xx-6xx marks the request answered. */
    public synchronized void respond(Response response) {
        if (Request.ACK.equals(method())) {
            throw new IllegalStateException("ACK is never answered (RFC 3261 §17.1.1.3)");
        }
        try {
            serverTransaction().sendResponse(response);
            if (response.getStatusCode() >= 200) {
                finalResponseSent.set(true);
            }
        } catch (SipException | InvalidArgumentException e) {
            throw new SipEndpointException("cannot send " + response.getStatusCode() + " to " + method(), e);
        }
    }

    /** Creates and sends a response with this status code. */
    public void respond(int statusCode) {
        respond(createResponse(statusCode));
    }

    /** True once a final response went out. */
    public boolean answered() {
        return finalResponseSent.get();
    }

    @Override
    public String toString() {
        return method() + " from " + remoteAddress() + " over " + transport();
    }
}
