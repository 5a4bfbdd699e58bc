package org.mediasec.sip;

import java.util.Locale;

/** SIP transports a {@link SipEndpoint} listens on. TLS comes with the tls module. */
public enum SipTransport {
    UDP,
    TCP;

    /** The JAIN-SIP transport name ({@code udp}, {@code tcp}). */
    public String jainSipName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Via transport token ({@code UDP}, {@code TCP}). */
    @Override
    public String toString() {
        return name();
    }
}
