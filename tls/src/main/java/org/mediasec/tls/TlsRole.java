package org.mediasec.tls;

/** Which end of a TLS connection we are. {@link #toString()} is the lower-case name used in logs. */
public enum TlsRole {
    /** We connect; the peer is the TLS server. */
    CLIENT,
    /** We accept; the peer is the TLS client. */
    SERVER;

    /** The peer's role: the opposite of ours. */
    public TlsRole peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }

    @Override
    public String toString() {
        return this == CLIENT ? "client" : "server";
    }
}
