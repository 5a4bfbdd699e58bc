package org.mediasec.sdp;

import org.mediasec.common.Checks;

/**
 * An open-enum value of the T.38 attributes {@code T38FaxRateManagement} and {@code T38FaxUdpEC}
 * (ITU-T T.38 Annex D). Comparison ignores case, as endpoints vary in spelling.
 */
public record T38Token(String token) {
    /** T38FaxRateManagement: TCF is generated locally by the receiving gateway. */
    public static final T38Token LOCAL_TCF = new T38Token("localTCF");
    /** T38FaxRateManagement: TCF is transferred; IMS recommended (TS 29.163 K.2, TS 26.114 L.3). */
    public static final T38Token TRANSFERRED_TCF = new T38Token("transferredTCF");
    /** T38FaxUdpEC: forward error correction. */
    public static final T38Token UDP_FEC = new T38Token("t38UDPFEC");
    /** T38FaxUdpEC: redundancy; IMS recommended. */
    public static final T38Token UDP_REDUNDANCY = new T38Token("t38UDPRedundancy");
    /** T38FaxUdpEC: no error correction (T.38 version 4 and later; spelling recalled, not verified). */
    public static final T38Token UDP_NO_EC = new T38Token("t38UDPNoEC");

    public T38Token {
        Checks.token(token, "T.38 token");
    }

    public boolean is(T38Token other) {
        return token.equalsIgnoreCase(other.token);
    }

    /** A rate-management value: localTCF or transferredTCF (ignoring case). */
    static T38Token rateManagement(String v) {
        if (v != null) {
            if (v.equalsIgnoreCase(LOCAL_TCF.token)) {
                return LOCAL_TCF;
            }
            if (v.equalsIgnoreCase(TRANSFERRED_TCF.token)) {
                return TRANSFERRED_TCF;
            }
        }
        throw new IllegalArgumentException("unknown T38FaxRateManagement " + (v == null ? "(none)" : "\"" + v + "\"")
                + " (expected: localTCF, transferredTCF)");
    }

    /** An error-correction value: t38UDPFEC, t38UDPRedundancy or t38UDPNoEC (ignoring case). */
    static T38Token udpEc(String v) {
        if (v != null) {
            for (T38Token t : new T38Token[] {UDP_FEC, UDP_REDUNDANCY, UDP_NO_EC}) {
                if (v.equalsIgnoreCase(t.token)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown T38FaxUdpEC " + (v == null ? "(none)" : "\"" + v + "\"")
                + " (expected: t38UDPFEC, t38UDPRedundancy, t38UDPNoEC)");
    }

    @Override
    public String toString() {
        return token;
    }
}
