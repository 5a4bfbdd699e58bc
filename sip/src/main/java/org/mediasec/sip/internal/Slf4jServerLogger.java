package org.mediasec.sip.internal;

import java.util.Properties;

import javax.sip.SipStack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;

/**
 * The JAIN-SIP RI's message log, routed to SLF4J logger {@code org.mediasec.sip.wire}: one line per
 * message at DEBUG (direction, peer, first line), the whole message at TRACE. Installed by
 * {@code gov.nist.javax.sip.SERVER_LOGGER}; one instance per stack.
 */
public final class Slf4jServerLogger implements ServerLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.mediasec.sip.wire");

    private volatile String stackName = "?";

    public Slf4jServerLogger() {
        // instantiated reflectively by the RI
    }

    @Override
    public void closeLogFile() {
        // no file
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, null, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, status, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, status, sender);
    }

    private void log(SIPMessage message, String from, String to, String status, boolean sender) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("[{}] {} {} -> {}{}\n{}", stackName, sender ? "sent" : "received", from, to,
                    status == null ? "" : " (" + status + ")", message.encode());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] {} {} -> {}: {}", stackName, sender ? "sent" : "received", from, to,
                    message.getFirstLine() == null ? "?" : message.getFirstLine().trim());
        }
    }

    @Override
    public void logException(Exception ex) {
        LOG.debug("[{}] exception", stackName, ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        String name = stackProperties.getProperty("javax.sip.STACK_NAME");
        if (name != null) {
            stackName = name;
        }
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // the stack name comes with the properties
    }
}
