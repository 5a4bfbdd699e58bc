package org.mediasec.sip.internal;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.core.StackLogger;

/**
 * Routes the JAIN-SIP RI's diagnostics to SLF4J logger {@code org.mediasec.sip.jainsip}, so their
 * levels are set in the logging configuration. Installed by {@code gov.nist.javax.sip.STACK_LOGGER}
 * (the RI makes the last-created instance global for every stack in the JVM; it has no per-stack
 * state, so that is harmless).
 *
 * <p>Level mapping: RI FATAL and ERROR → ERROR, WARN → WARN, INFO → INFO, DEBUG → DEBUG, TRACE → TRACE.
 * The RI warns on every stack start that its TLS key and trust stores are not configured; until the
 * project configures TLS through the RI those lines are logged at DEBUG, and so is the "bad event"
 * error the RI logs for the inert wake-up event of {@link JainSipQuirks#wakeStoppedEventScanner}.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.mediasec.sip.jainsip");

    public Slf4jStackLogger() {
        // instantiated reflectively by the RI
    }

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int traceLevel) {
        if (isLoggingEnabled(traceLevel)) {
            LOG.debug("stack trace", new Throwable("stack trace requested by JAIN-SIP"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("JAIN-SIP exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        if (isInertWakeUp(message)) {
            LOG.debug(message);
        } else {
            LOG.error(message);
        }
    }

    @Override
    public void logError(String message) {
        if (isInertWakeUp(message)) {
            LOG.debug(message);
        } else {
            LOG.error(message);
        }
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.error(message, ex);
    }

    @Override
    public void logWarning(String message) {
        if (isTlsStoreNotice(message)) {
            LOG.debug(message);
        } else {
            LOG.warn(message);
        }
    }

    @Override
    public void logInfo(String message) {
        if (isTlsStoreNotice(message)) {
            LOG.debug(message);
        } else {
            LOG.info(message);
        }
    }

    /** The RI's call sites often guard ERROR/WARN output with the level-less check. */
    @Override
    public boolean isLoggingEnabled() {
        return LOG.isWarnEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel >= TRACE_TRACE) {
            return LOG.isTraceEnabled();
        } else if (logLevel >= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        } else if (logLevel >= TRACE_INFO) {
            return LOG.isInfoEnabled();
        } else if (logLevel >= TRACE_WARN) {
            return LOG.isWarnEnabled();
        } else if (logLevel > TRACE_NONE) {
            return LOG.isErrorEnabled();
        }
        return false;
    }

    @Override
    public void disableLogging() {
        // levels belong to the SLF4J backend
    }

    @Override
    public void enableLogging() {
        // levels belong to the SLF4J backend
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.debug("JAIN-SIP RI build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // nothing to configure: see class javadoc
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }

    /** The scanner's "bad event" line for the plain EventObject of {@link JainSipQuirks#wakeStoppedEventScanner}. */
    private static boolean isInertWakeUp(String message) {
        return message != null && message.startsWith("bad event") && message.contains("java.util.EventObject[");
    }

    private static boolean isTlsStoreNotice(String message) {
        return message != null && (message.contains("TLS ") || message.contains("tls security policy")
                || message.contains("keystore") || message.contains("truststore")
                || message.contains("javax.net.ssl"));
    }
}
