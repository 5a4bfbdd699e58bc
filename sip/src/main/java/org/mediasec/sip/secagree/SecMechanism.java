package org.mediasec.sip.secagree;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One {@code sec-mechanism} of a Security-Client/-Server/-Verify header (RFC 3329 §2.2):
 * {@code mechanism-name *(SEMI mech-parameters)}.
 *
 * <p>Names and parameters are kept as written (case and order), so a parse/write round trip loses
 * nothing; comparisons by meaning ({@link #isMediaPlane()}, {@link #param(String)}) ignore case, as
 * RFC 3261 §7.3.1 does for parameter names. Mechanism names are generic tokens: the IANA registry
 * holds only {@code digest}, {@code tls}, {@code ipsec-ike}, {@code ipsec-man} and {@code ipsec-3gpp},
 * while the TS 24.229 media-plane names ({@code msrp-tls}, ...) are unregistered.
 *
 * @param name   the mechanism name, an RFC 3261 token, e.g. {@code msrp-tls} or {@code ipsec-3gpp}
 * @param params the parameters in wire order
 */
public record SecMechanism(String name, List<Param> params) {

    /** TS 24.229 §7.2A.7: the valueless parameter that marks a media-plane mechanism. */
    public static final String MEDIASEC = "mediasec";
    /** RFC 3329 §2.2 {@code preference = "q" EQUAL qvalue}. */
    public static final String Q = "q";

    public SecMechanism {
        Objects.requireNonNull(name, "name");
        if (!SipSyntax.isToken(name)) {
            throw new IllegalArgumentException("name: \"" + name + "\" is not an RFC 3261 token");
        }
        params = List.copyOf(Objects.requireNonNull(params, "params"));
    }

    /** A mechanism with the given parameters, e.g. {@code of("tls", Param.of("q", "0.2"))}. */
    public static SecMechanism of(String name, Param... params) {
        return new SecMechanism(name, List.of(params));
    }

    /** {@code <name>;mediasec}, the form a UE puts in Security-Client. */
    public static SecMechanism mediaPlane(String name) {
        return of(name, Param.flag(MEDIASEC));
    }

    /** True if the mechanism carries the {@code mediasec} parameter (TS 24.229 §7.2A.7). */
    public boolean isMediaPlane() {
        return param(MEDIASEC).isPresent();
    }

    /** The first parameter with this name, ignoring case. */
    public Optional<Param> param(String paramName) {
        for (Param p : params) {
            if (p.name().equalsIgnoreCase(paramName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The {@code q} preference (0..1), or empty if absent. The constructor of {@link Param} guarantees it parses. */
    public OptionalDouble q() {
        return param(Q).map(p -> OptionalDouble.of(Double.parseDouble(p.value())))
                .orElse(OptionalDouble.empty());
    }

    /** A copy with {@code q} set (replacing any existing q in place, else appended), formatted with at most 3 decimals. */
    public SecMechanism withQ(double q) {
        return withParam(Param.of(Q, formatQ(q)));
    }

    /** A copy without any {@code q} parameter: the Security-Client form. */
    public SecMechanism withoutQ() {
        return withoutParam(Q);
    }

    /** A copy with {@code param} replacing the first same-named parameter, or appended. */
    public SecMechanism withParam(Param param) {
        List<Param> out = new ArrayList<>(params.size() + 1);
        boolean replaced = false;
        for (Param p : params) {
            if (!replaced && p.name().equalsIgnoreCase(param.name())) {
                out.add(param);
                replaced = true;
            } else if (!p.name().equalsIgnoreCase(param.name())) {
                out.add(p);
            }
        }
        if (!replaced) {
            out.add(param);
        }
        return new SecMechanism(name, out);
    }

    /** A copy without parameters of this name. */
    public SecMechanism withoutParam(String paramName) {
        List<Param> out = new ArrayList<>(params.size());
        for (Param p : params) {
            if (!p.name().equalsIgnoreCase(paramName)) {
                out.add(p);
            }
        }
        return new SecMechanism(name, out);
    }

    /** Formats a preference as an RFC 3261 qvalue: {@code 0.5}, {@code 0.125}, {@code 1}. */
    public static String formatQ(double q) {
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("q: " + q + " (expected: 0..1)");
        }
        String s = BigDecimal.valueOf(q).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        if (!SipSyntax.isQValue(s)) {
            throw new IllegalArgumentException("q: " + q + " does not round to a qvalue");
        }
        return s;
    }

    @Override
    public String toString() {
        return SecurityHeaderWriter.write(this);
    }

    /**
     * A {@code generic-param} of a mechanism (RFC 3261 §25.1: {@code token [ EQUAL gen-value ]}).
     *
     * @param name  the parameter name, a token
     * @param value the {@code gen-value} exactly as written (a token, a host, or a quoted-string with its
     *              quotes), or {@code null} for a valueless parameter such as {@code mediasec}
     */
    public record Param(String name, String value) {
        public Param {
            Objects.requireNonNull(name, "name");
            if (!SipSyntax.isToken(name)) {
                throw new IllegalArgumentException("param name: \"" + name + "\" is not an RFC 3261 token");
            }
            if (value != null && !SipSyntax.isGenValue(value)) {
                throw new IllegalArgumentException("param " + name + ": \"" + value
                        + "\" is not a token, host or quoted-string");
            }
            if (name.equalsIgnoreCase(Q) && !SipSyntax.isQValue(value)) {
                throw new IllegalArgumentException("param q: \"" + value + "\" is not a qvalue (expected: 0..1, at most 3 decimals)");
            }
        }

        /** A valueless parameter, e.g. {@code mediasec}. */
        public static Param flag(String name) {
            return new Param(name, null);
        }

        /** {@code name=value}; {@code value} is written as given (quote it yourself if needed). */
        public static Param of(String name, String value) {
            return new Param(name, Objects.requireNonNull(value, "value"));
        }

        public boolean hasValue() {
            return value != null;
        }

        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }
}
