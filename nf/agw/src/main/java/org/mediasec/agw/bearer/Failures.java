package org.mediasec.agw.bearer;

import java.net.BindException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

/** Turns what Netty reports on a leg into a {@link BearerFailure}. */
final class Failures {
    private Failures() {
    }

    /**
     * The failure behind {@code t} on {@code leg}. A refusal recorded by the leg's fingerprint check
     * wins over whatever exception the TLS stack raised for it.
     */
    static BearerFailure classify(Leg leg, Throwable t) {
        PinCapture pins = leg.pins;
        if (pins != null && pins.refusal != null) {
            return new BearerFailure(leg.side, BearerFailure.Kind.TLS_FINGERPRINT_MISMATCH, pins.refusal,
                    pins.expected, pins.received, t);
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SslHandshakeTimeoutException) {
                return BearerFailure.of(leg.side, BearerFailure.Kind.TLS_HANDSHAKE_TIMEOUT, c.getMessage(), t);
            }
            if (c instanceof ConnectTimeoutException) {
                return BearerFailure.of(leg.side, BearerFailure.Kind.TCP_CONNECT_TIMEOUT, c.getMessage(), t);
            }
            if (c instanceof ConnectException) {
                return BearerFailure.of(leg.side, BearerFailure.Kind.TCP_CONNECT_REFUSED, c.getMessage(), t);
            }
            if (c instanceof SSLException) {
                return BearerFailure.of(leg.side, leg.ready ? BearerFailure.Kind.TLS_ERROR
                        : BearerFailure.Kind.TLS_HANDSHAKE_FAILED, String.valueOf(c.getMessage()), t);
            }
            // ECONNRESET: "Connection reset by peer" (NIO IOException, epoll NativeIoException)
            if (c.getMessage() != null && c.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
                return BearerFailure.of(leg.side, BearerFailure.Kind.TCP_RESET, c.getMessage(), t);
            }
        }
        if (leg.spec.transport().terminatesTls() && !leg.ready && t instanceof ClosedChannelException) {
            return BearerFailure.of(leg.side, BearerFailure.Kind.TLS_HANDSHAKE_FAILED,
                    "connection closed during the TLS handshake", t);
        }
        return BearerFailure.of(leg.side, BearerFailure.Kind.TCP_ERROR, String.valueOf(t), t);
    }

    /** EADDRINUSE: {@link BindException} on NIO, a native I/O exception on epoll. */
    static boolean addressInUse(Throwable t) {
        return t instanceof BindException
                || (t != null && t.getMessage() != null && t.getMessage().contains("Address already in use"));
    }
}
