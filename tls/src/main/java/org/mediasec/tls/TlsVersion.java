package org.mediasec.tls;

/** The TLS versions mediasec speaks. {@link #toString()} is the JSSE protocol name. */
public enum TlsVersion {
    /** TLS 1.2 (RFC 5246). */
    TLS_1_2("TLSv1.2"),
    /** TLS 1.3 (RFC 8446). */
    TLS_1_3("TLSv1.3");

    private final String protocolName;

    TlsVersion(String protocolName) {
        this.protocolName = protocolName;
    }

    /** {@code TLSv1.2} or {@code TLSv1.3}, as {@link javax.net.ssl.SSLEngine#setEnabledProtocols} names them. */
    public String protocolName() {
        return protocolName;
    }

    /** The version for a JSSE protocol name ({@code TLSv1.3}). */
    public static TlsVersion ofProtocolName(String name) {
        for (TlsVersion v : values()) {
            if (v.protocolName.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("protocol: unsupported \"" + name + "\" (expected: TLSv1.2 or TLSv1.3)");
    }

    @Override
    public String toString() {
        return protocolName;
    }
}
