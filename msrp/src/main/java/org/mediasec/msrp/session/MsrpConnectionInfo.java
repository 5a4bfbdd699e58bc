package org.mediasec.msrp.session;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection a session is bound to, as a report would show it.
 *
 * @param local       our end
 * @param remote      the far end (for an outgoing connection, where we connected to)
 * @param outbound    true when this side opened the connection (TCP active, TLS client)
 * @param tlsVersion  the negotiated TLS version ({@code TLSv1.3}); empty on plain TCP
 * @param cipherSuite the negotiated cipher suite; empty on plain TCP
 */
public record MsrpConnectionInfo(InetSocketAddress local, InetSocketAddress remote, boolean outbound,
                                 Optional<String> tlsVersion, Optional<String> cipherSuite) {
    public MsrpConnectionInfo {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(tlsVersion, "tlsVersion");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
    }
}
