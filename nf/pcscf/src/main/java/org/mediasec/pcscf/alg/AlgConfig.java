package org.mediasec.pcscf.alg;

import java.util.Objects;

import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;

/**
 * The IMS-ALG's choices where the standards leave one.
 *
 * @param tcpActpassRole  the IMS-AGW's TCP/TLS role toward a UE that offered {@code a=setup:actpass}
 *                        (TS 23.334 §6.2.10: "actpass ⇒ IMS-ALG decides"). Default passive: RFC 6135
 *                        §4.2.2, the answerer "SHOULD include an a=setup "passive" attribute value if it
 *                        knows that it is not located behind a NAT", which holds for the IMS-AGW
 * @param dtlsActpassRole the same for DTLS (T.38). Default active: RFC 5763 §5, "setup:active is RECOMMENDED"
 *                        for the answerer, so the handshake starts at once
 * @param t38AccessProto  the transport named to the IMS-AGW for T.38 toward the UE: {@code UDP/DTLS}
 *                        (TS 23.334 §6.2.10, the default) or {@code UDP/TLS/UDPTL} (iq-profile.md row 3)
 * @param tlsIdToAgw      also give the IMS-AGW the {@code a=tls-id} chosen for its side (iq-profile.md row 12,
 *                        off by default)
 * @param eventsBase      the first Events RequestID; stream {@code i} uses {@code base + 2i} (access) and
 *                        {@code base + 2i + 1} (core)
 */
public record AlgConfig(Setup tcpActpassRole, Setup dtlsActpassRole, Proto t38AccessProto, boolean tlsIdToAgw,
                        long eventsBase) {
    public AlgConfig {
        Objects.requireNonNull(tcpActpassRole, "tcpActpassRole");
        Objects.requireNonNull(dtlsActpassRole, "dtlsActpassRole");
        Objects.requireNonNull(t38AccessProto, "t38AccessProto");
        for (Setup s : new Setup[] {tcpActpassRole, dtlsActpassRole}) {
            if (s != Setup.ACTIVE && s != Setup.PASSIVE) {
                throw new IllegalArgumentException("actpass role: " + s + " (expected: active or passive)");
            }
        }
        if (!t38AccessProto.is(Proto.UDP_DTLS) && !t38AccessProto.is(Proto.UDP_TLS_UDPTL)) {
            throw new IllegalArgumentException("t38AccessProto: " + t38AccessProto + " (expected: UDP/DTLS or UDP/TLS/UDPTL)");
        }
        if (eventsBase < 0 || eventsBase > 0xFFFF_0000L) {
            throw new IllegalArgumentException("eventsBase: " + eventsBase);
        }
    }

    public static AlgConfig defaults() {
        return new AlgConfig(Setup.PASSIVE, Setup.ACTIVE, Proto.UDP_DTLS, false, 2000);
    }

    public AlgConfig withT38AccessProto(Proto p) {
        return new AlgConfig(tcpActpassRole, dtlsActpassRole, p, tlsIdToAgw, eventsBase);
    }

    public AlgConfig withTlsIdToAgw(boolean on) {
        return new AlgConfig(tcpActpassRole, dtlsActpassRole, t38AccessProto, on, eventsBase);
    }

    public AlgConfig withActpassRoles(Setup tcp, Setup dtls) {
        return new AlgConfig(tcp, dtls, t38AccessProto, tlsIdToAgw, eventsBase);
    }
}
