package org.mediasec.sdp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The transport protocol of an {@code m=} line (RFC 8866 §5.14, IANA "proto" registry), an open
 * enum: known values are constants, {@link #of(String)} returns the constant or a new instance.
 * The name is kept as written ({@code udptl} is lower case in T.38); the helpers compare ignoring case.
 *
 * <p>{@link #UDP_DTLS}, {@link #TCP_TLS}, {@link #TCP} and {@link #UDP} are what the IMS-ALG tells
 * the IMS-AGW on Iq (TS 23.334 §6.2.10.3; {@code UDP/DTLS} is an H.Sup14 codepoint, not IANA).
 */
public record Proto(String name) {
    /** RFC 4145. */
    public static final Proto TCP = new Proto("TCP");
    /** H.248-internal (TS 23.334): plain UDP toward the core. */
    public static final Proto UDP = new Proto("UDP");
    /** RFC 8122. */
    public static final Proto TCP_TLS = new Proto("TCP/TLS");
    /** H.Sup14 codepoint used on Iq for T.38 over DTLS (not IANA registered). */
    public static final Proto UDP_DTLS = new Proto("UDP/DTLS");
    /** RFC 4975. */
    public static final Proto TCP_MSRP = new Proto("TCP/MSRP");
    /** RFC 4975. */
    public static final Proto TCP_TLS_MSRP = new Proto("TCP/TLS/MSRP");
    /** RFC 8856. */
    public static final Proto TCP_BFCP = new Proto("TCP/BFCP");
    /** RFC 8856. */
    public static final Proto TCP_TLS_BFCP = new Proto("TCP/TLS/BFCP");
    /** RFC 8856. */
    public static final Proto UDP_BFCP = new Proto("UDP/BFCP");
    /** RFC 8856 (BFCP over DTLS over UDP). */
    public static final Proto UDP_TLS_BFCP = new Proto("UDP/TLS/BFCP");
    /** RFC 8856 (BFCP over DTLS over TCP). */
    public static final Proto TCP_DTLS_BFCP = new Proto("TCP/DTLS/BFCP");
    /** ITU-T T.38 Annex D: UDPTL over UDP (lower case by registration). */
    public static final Proto UDPTL = new Proto("udptl");
    /** RFC 7345: UDPTL over DTLS over UDP. */
    public static final Proto UDP_TLS_UDPTL = new Proto("UDP/TLS/UDPTL");
    /** RFC 3551. */
    public static final Proto RTP_AVP = new Proto("RTP/AVP");
    /** RFC 4585. */
    public static final Proto RTP_AVPF = new Proto("RTP/AVPF");
    /** RFC 3711. */
    public static final Proto RTP_SAVP = new Proto("RTP/SAVP");
    /** RFC 5124. */
    public static final Proto RTP_SAVPF = new Proto("RTP/SAVPF");
    /** RFC 5764. */
    public static final Proto UDP_TLS_RTP_SAVP = new Proto("UDP/TLS/RTP/SAVP");
    /** RFC 5764. */
    public static final Proto UDP_TLS_RTP_SAVPF = new Proto("UDP/TLS/RTP/SAVPF");

    private static final Map<String, Proto> KNOWN = Map.ofEntries(
            e(TCP), e(UDP), e(TCP_TLS), e(UDP_DTLS), e(TCP_MSRP), e(TCP_TLS_MSRP), e(TCP_BFCP), e(TCP_TLS_BFCP),
            e(UDP_BFCP), e(UDP_TLS_BFCP), e(TCP_DTLS_BFCP), e(UDPTL), e(UDP_TLS_UDPTL), e(RTP_AVP), e(RTP_AVPF),
            e(RTP_SAVP), e(RTP_SAVPF), e(UDP_TLS_RTP_SAVP), e(UDP_TLS_RTP_SAVPF));

    /** Secure proto → plain proto with the same application protocol (upper-case keys). */
    private static final Map<String, Proto> PLAIN = Map.of(
            "TCP/TLS/MSRP", TCP_MSRP,
            "TCP/TLS/BFCP", TCP_BFCP,
            "UDP/TLS/BFCP", UDP_BFCP,
            "TCP/DTLS/BFCP", TCP_BFCP,
            "UDP/TLS/UDPTL", UDPTL,
            "UDP/TLS/RTP/SAVP", RTP_AVP,
            "UDP/TLS/RTP/SAVPF", RTP_AVPF,
            "TCP/TLS", TCP,
            "UDP/DTLS", UDP);

    /** Plain proto → its TLS/DTLS counterpart (upper-case keys). */
    private static final Map<String, Proto> SECURE = Map.of(
            "TCP/MSRP", TCP_TLS_MSRP,
            "TCP/BFCP", TCP_TLS_BFCP,
            "UDP/BFCP", UDP_TLS_BFCP,
            "UDPTL", UDP_TLS_UDPTL,
            "RTP/AVP", UDP_TLS_RTP_SAVP,
            "RTP/AVPF", UDP_TLS_RTP_SAVPF,
            "TCP", TCP_TLS,
            "UDP", UDP_DTLS);

    private static Map.Entry<String, Proto> e(Proto p) {
        return Map.entry(p.name, p);
    }

    public Proto {
        LineList.checkWord(name, "name");
    }

    /** The constant for {@code name} (exact spelling), else a new instance. */
    public static Proto of(String name) {
        Proto p = KNOWN.get(name);
        return p != null ? p : new Proto(name);
    }

    private String upper() {
        return name.toUpperCase(Locale.ROOT);
    }

    private boolean hasElement(String element) {
        for (String part : upper().split("/", -1)) {
            if (part.equals(element)) {
                return true;
            }
        }
        return false;
    }

    /** Same proto ignoring case ({@code UDPTL} vs {@code udptl}). */
    public boolean is(Proto other) {
        return name.equalsIgnoreCase(other.name);
    }

    /** True when the stream runs over TLS or DTLS ({@code TLS} or {@code DTLS} among the elements). */
    public boolean isTls() {
        return hasElement("TLS") || hasElement("DTLS");
    }

    /**
     * True when the security layer is DTLS: an explicit {@code DTLS} element, or TLS over UDP
     * ({@code UDP/TLS/...}, which RFC 5764, 7345 and 8856 define as DTLS).
     */
    public boolean isDtls() {
        return hasElement("DTLS") || (upper().startsWith("UDP/") && hasElement("TLS"));
    }

    /** True for a TCP-based proto ({@code TCP...}), where RFC 4145 setup/connection apply. */
    public boolean isTcp() {
        return upper().equals("TCP") || upper().startsWith("TCP/");
    }

    /** True for a UDP-based proto ({@code UDP...}, {@code udptl}, {@code RTP/...}). */
    public boolean isUdp() {
        String u = upper();
        return u.equals("UDP") || u.startsWith("UDP/") || u.equals("UDPTL") || u.startsWith("RTP/");
    }

    /** True for the MSRP protos. */
    public boolean isMsrp() {
        return upper().endsWith("/MSRP");
    }

    /** True for the BFCP protos. */
    public boolean isBfcp() {
        return upper().endsWith("/BFCP");
    }

    /** True for UDPTL (T.38) protos. */
    public boolean isUdptl() {
        return upper().equals("UDPTL") || upper().endsWith("/UDPTL");
    }

    /**
     * The plain counterpart used toward the core: {@code TCP/TLS/MSRP → TCP/MSRP},
     * {@code TCP/TLS/BFCP → TCP/BFCP}, {@code UDP/TLS/BFCP → UDP/BFCP}, {@code UDP/TLS/UDPTL → udptl},
     * {@code UDP/TLS/RTP/SAVP → RTP/AVP}, {@code TCP/TLS → TCP}, {@code UDP/DTLS → UDP}. Other TLS
     * protos lose their {@code TLS}/{@code DTLS} element; a plain proto is returned as is.
     */
    public Proto plainEquivalent() {
        Proto p = PLAIN.get(upper());
        if (p != null) {
            return p;
        }
        if (!isTls()) {
            return this;
        }
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("/", -1)) {
            if (part.equalsIgnoreCase("TLS") || part.equalsIgnoreCase("DTLS")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return of(sb.toString());
    }

    /**
     * The TLS/DTLS counterpart used toward the UE: {@code TCP/MSRP → TCP/TLS/MSRP},
     * {@code TCP/BFCP → TCP/TLS/BFCP}, {@code UDP/BFCP → UDP/TLS/BFCP}, {@code udptl → UDP/TLS/UDPTL},
     * {@code RTP/AVP → UDP/TLS/RTP/SAVP}, {@code TCP → TCP/TLS}, {@code UDP → UDP/DTLS}; a TLS proto
     * is returned as is; empty when no counterpart is known.
     */
    public Optional<Proto> secureEquivalent() {
        if (isTls()) {
            return Optional.of(this);
        }
        return Optional.ofNullable(SECURE.get(upper()));
    }

    @Override
    public String toString() {
        return name;
    }
}
