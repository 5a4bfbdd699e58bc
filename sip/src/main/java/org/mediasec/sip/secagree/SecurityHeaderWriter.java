package org.mediasec.sip.secagree;

/**
 * Writes security-agreement headers in one canonical form: no white space inside a mechanism,
 * {@code ", "} between mechanisms, parameters in model order. This is the form of the TS 24.229
 * examples and of Asterisk ({@code msrp-tls;mediasec;q=0.5, bfcp-tls;mediasec;q=0.5}), so
 * {@code write(parse(s)).equals(s)} for input already in this form.
 *
 * <p>The writer writes what the model holds. Whether a {@code q} belongs in the header is the
 * caller's choice: RFC 3329 servers rank their list with {@code q}, clients usually do not (see
 * {@link MediaSecCapabilities#toSecurityHeader(SecurityHeaderKind, java.util.OptionalDouble)}).
 */
public final class SecurityHeaderWriter {
    private SecurityHeaderWriter() {
    }

    /** The header value (no name, no CRLF). */
    public static String write(SecurityHeader header) {
        StringBuilder sb = new StringBuilder();
        for (SecMechanism m : header.mechanisms()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            append(sb, m);
        }
        return sb.toString();
    }

    /** {@code Name: value} without CRLF. */
    public static String writeLine(SecurityHeader header) {
        return header.kind().headerName() + ": " + write(header);
    }

    /** One mechanism, e.g. {@code ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1234}. */
    public static String write(SecMechanism mechanism) {
        StringBuilder sb = new StringBuilder();
        append(sb, mechanism);
        return sb.toString();
    }

    private static void append(StringBuilder sb, SecMechanism m) {
        sb.append(m.name());
        for (SecMechanism.Param p : m.params()) {
            sb.append(';').append(p.name());
            if (p.value() != null) {
                sb.append('=').append(p.value());
            }
        }
    }
}
