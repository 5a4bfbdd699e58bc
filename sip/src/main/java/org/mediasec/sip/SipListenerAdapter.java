package org.mediasec.sip;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adapts JAIN-SIP callbacks to a {@link SipEndpointListener}; never lets an exception into the stack. */
final class SipListenerAdapter implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);

    private final String stackName;
    private final SipProvider provider;
    private final MessageFactory messageFactory;
    private final SipEndpointListener user;

    SipListenerAdapter(String stackName, SipProvider provider, MessageFactory messageFactory, SipEndpointListener user) {
        this.stackName = stackName;
        this.provider = provider;
        this.messageFactory = messageFactory;
        this.user = user;
    }

    @Override
    public void processRequest(RequestEvent event) {
        IncomingRequest request = new IncomingRequest(event, provider, messageFactory);
        try {
            user.onRequest(request);
        } catch (RuntimeException e) {
            LOG.warn("[{}] listener failed on {}", stackName, request, e);
            if (!request.answered() && !Request.ACK.equals(request.method())) {
                try {
                    request.respond(Response.SERVER_INTERNAL_ERROR);
                } catch (RuntimeException again) {
                    LOG.debug("[{}] could not answer 500", stackName, again);
                }
            }
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            user.onResponse(event);
        } catch (RuntimeException e) {
            LOG.warn("[{}] listener failed on response {}", stackName, event.getResponse().getStatusCode(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        try {
            user.onTimeout(event);
        } catch (RuntimeException e) {
            LOG.warn("[{}] listener failed on timeout", stackName, e);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("[{}] I/O error towards {}:{}/{}", stackName, event.getHost(), event.getPort(), event.getTransport());
        try {
            user.onIoException(event);
        } catch (RuntimeException e) {
            LOG.warn("[{}] listener failed on I/O error", stackName, e);
        }
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // transactions are the stack's business; nothing to do
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // no automatic dialogs by default; nothing to do
    }
}
