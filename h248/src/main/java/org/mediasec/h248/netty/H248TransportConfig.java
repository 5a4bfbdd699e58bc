package org.mediasec.h248.netty;

import java.net.InetSocketAddress;
import java.util.Objects;

import org.mediasec.h248.text.H248CodecConfig;
import org.mediasec.h248.text.Style;

/**
 * How an MG or MGC talks H.248: the transport, the local address to bind (port 0: any free port),
 * the text style we write (we read both) and the decoder limits.
 */
public record H248TransportConfig(Kind kind, InetSocketAddress bind, Style style, H248CodecConfig codec) {

    /** H.248.1 Annex D.1/D.2: the MGC listens on 2944 for text-encoded H.248 (2945 is the binary port). */
    public static final int DEFAULT_MGC_PORT = 2944;
    /** Port an MG commonly binds (the binary port of Annex D, used by Erlang's examples for the MG). */
    public static final int DEFAULT_MG_PORT = 2945;

    /** The transports of H.248.1 Annex D (SCTP, Annex D.3 / H.248.4, is not implemented yet). */
    public enum Kind {
        /** Annex D.1: one message per datagram; the transaction layer repeats requests. */
        UDP,
        /** Annex D.2: TPKT (RFC 1006) framing on TCP; no repetition. */
        TCP
    }

    public H248TransportConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(codec, "codec");
    }

    public static H248TransportConfig udp(InetSocketAddress bind) {
        return new H248TransportConfig(Kind.UDP, bind, Style.PRETTY, H248CodecConfig.DEFAULT);
    }

    public static H248TransportConfig tcp(InetSocketAddress bind) {
        return new H248TransportConfig(Kind.TCP, bind, Style.PRETTY, H248CodecConfig.DEFAULT);
    }

    public H248TransportConfig withStyle(Style style) {
        return new H248TransportConfig(kind, bind, style, codec);
    }
}
