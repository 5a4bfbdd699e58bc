package org.mediasec.sip.secagree;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded generators of security-agreement headers for the property tests. */
final class SecurityHeaderGen {
    private static final String TOKEN_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";
    private static final String[] NAMES = {
        "msrp-tls", "bfcp-tls", "udptl-dtls", "sdes-srtp", "dtls-srtp", "ipsec-3gpp", "tls", "digest",
        "ipsec-ike", "ipsec-man",
    };
    private static final String[] PARAM_NAMES = {"alg", "ealg", "spi-c", "spi-s", "port-c", "port-s", "prot", "mod", "d-alg", "d-qop"};

    private SecurityHeaderGen() {
    }

    static SecurityHeader header(SplittableRandom r) {
        SecurityHeaderKind kind = SecurityHeaderKind.values()[r.nextInt(3)];
        int n = 1 + r.nextInt(6);
        List<SecMechanism> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ms.add(mechanism(r));
        }
        return new SecurityHeader(kind, ms);
    }

    static SecMechanism mechanism(SplittableRandom r) {
        String name = r.nextInt(4) == 0 ? token(r) : NAMES[r.nextInt(NAMES.length)];
        List<SecMechanism.Param> ps = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            ps.add(param(r));
        }
        return new SecMechanism(name, ps);
    }

    static SecMechanism.Param param(SplittableRandom r) {
        switch (r.nextInt(6)) {
            case 0:
                return SecMechanism.Param.flag(r.nextBoolean() ? "mediasec" : token(r).replaceAll("^[qQ]$", "qq"));
            case 1:
                return SecMechanism.Param.of("q", SecMechanism.formatQ(r.nextInt(1001) / 1000.0));
            case 2:
                return SecMechanism.Param.of(PARAM_NAMES[r.nextInt(PARAM_NAMES.length)], token(r));
            case 3:
                return SecMechanism.Param.of("x-host", r.nextBoolean() ? "[2001:db8::" + r.nextInt(100) + "]" : "10.0.0." + r.nextInt(256));
            case 4:
                return SecMechanism.Param.of("x-quoted", quoted(r));
            default:
                return SecMechanism.Param.of(nonQToken(r), token(r));
        }
    }

    static String token(SplittableRandom r) {
        int len = 1 + r.nextInt(10);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(TOKEN_CHARS.charAt(r.nextInt(TOKEN_CHARS.length())));
        }
        return sb.toString();
    }

    private static String nonQToken(SplittableRandom r) {
        String t = token(r);
        return t.equalsIgnoreCase("q") ? "qq" : t;
    }

    static String quoted(SplittableRandom r) {
        String alphabet = " ,;=abcXYZ09:<>@\\\"\t";
        StringBuilder sb = new StringBuilder("\"");
        int len = r.nextInt(12);
        for (int i = 0; i < len; i++) {
            char c = alphabet.charAt(r.nextInt(alphabet.length()));
            if (c == '\\' || c == '"') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** The header written with random legal white space (SWS, sometimes folded) around separators. */
    static String writeWithWhiteSpace(SecurityHeader h, SplittableRandom r) {
        StringBuilder sb = new StringBuilder(sws(r));
        for (int i = 0; i < h.mechanisms().size(); i++) {
            if (i > 0) {
                sb.append(sws(r)).append(',').append(sws(r));
            }
            SecMechanism m = h.mechanisms().get(i);
            sb.append(m.name());
            for (SecMechanism.Param p : m.params()) {
                sb.append(sws(r)).append(';').append(sws(r)).append(p.name());
                if (p.value() != null) {
                    sb.append(sws(r)).append('=').append(sws(r)).append(p.value());
                }
            }
        }
        return sb.append(sws(r)).toString();
    }

    private static String sws(SplittableRandom r) {
        switch (r.nextInt(6)) {
            case 0:
                return " ";
            case 1:
                return "\t ";
            case 2:
                return "\r\n ";
            default:
                return "";
        }
    }
}
