package org.mediasec.pcscf.agw;

import org.mediasec.h248.MId;

/** H.248 mIds as written in the configuration: {@code [192.0.2.1]:2944}, {@code [2001:db8::1]:2944}, {@code <alg.example>:2944}. */
public final class MIds {
    private MIds() {
    }

    /** Parses an mId; the port is optional. */
    public static MId parse(String mid) {
        String s = mid.strip();
        Integer port = null;
        int close = Math.max(s.lastIndexOf(']'), s.lastIndexOf('>'));
        int colon = s.lastIndexOf(':');
        try {
            if (colon > close && close > 0) {
                port = Integer.valueOf(s.substring(colon + 1));
                s = s.substring(0, colon);
            }
            if (s.startsWith("[") && s.endsWith("]")) {
                String a = s.substring(1, s.length() - 1);
                return a.contains(":") ? new MId.Ip6(a, port) : new MId.Ip4(a, port);
            }
            if (s.startsWith("<") && s.endsWith(">")) {
                return new MId.Domain(s.substring(1, s.length() - 1), port);
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("mid: \"" + mid + "\": " + e.getMessage());
        }
        throw new IllegalArgumentException("mid: \"" + mid + "\" (expected [ip]:port or <domain>:port)");
    }

    /** The mId as written in a message header: {@code [192.0.2.1]:2944}, {@code <alg.example>:2944}, ... */
    public static String text(MId mid) {
        if (mid instanceof MId.Ip4 m) {
            return "[" + m.address() + "]" + port(m.port());
        } else if (mid instanceof MId.Ip6 m) {
            return "[" + m.address() + "]" + port(m.port());
        } else if (mid instanceof MId.Domain m) {
            return "<" + m.name() + ">" + port(m.port());
        } else if (mid instanceof MId.Device m) {
            return m.name();
        }
        return "MTP{" + ((MId.Mtp) mid).hex() + "}";
    }

    private static String port(Integer port) {
        return port == null ? "" : ":" + port;
    }
}
