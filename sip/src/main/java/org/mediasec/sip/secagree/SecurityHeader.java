package org.mediasec.sip.secagree;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Security-Client, Security-Server or Security-Verify header (RFC 3329 §2.2), possibly the union
 * of several header lines of the same kind (RFC 3261 §7.3.1: several lines are equivalent to one
 * comma-separated list, in order).
 *
 * @param kind       which of the three headers
 * @param mechanisms at least one mechanism, in wire order
 */
public record SecurityHeader(SecurityHeaderKind kind, List<SecMechanism> mechanisms) {

    public SecurityHeader {
        Objects.requireNonNull(kind, "kind");
        mechanisms = List.copyOf(Objects.requireNonNull(mechanisms, "mechanisms"));
        if (mechanisms.isEmpty()) {
            // RFC 3329 §2.2: security-client = "Security-Client" HCOLON sec-mechanism *(COMMA sec-mechanism)
            throw new IllegalArgumentException("mechanisms: empty (expected: at least one sec-mechanism)");
        }
    }

    public static SecurityHeader of(SecurityHeaderKind kind, SecMechanism... mechanisms) {
        return new SecurityHeader(kind, List.of(mechanisms));
    }

    /** The entries with {@code mediasec}: media-plane security (TS 24.229 §7.2A.7). */
    public List<SecMechanism> mediaPlaneMechanisms() {
        List<SecMechanism> out = new ArrayList<>();
        for (SecMechanism m : mechanisms) {
            if (m.isMediaPlane()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The entries without {@code mediasec}: signalling-plane mechanisms ({@code ipsec-3gpp}, {@code tls}, {@code digest}, ...). */
    public List<SecMechanism> signallingMechanisms() {
        List<SecMechanism> out = new ArrayList<>();
        for (SecMechanism m : mechanisms) {
            if (!m.isMediaPlane()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The header value, e.g. {@code msrp-tls;mediasec, bfcp-tls;mediasec}. */
    public String value() {
        return SecurityHeaderWriter.write(this);
    }

    /** The full header line without CRLF, e.g. {@code Security-Client: msrp-tls;mediasec}. */
    @Override
    public String toString() {
        return SecurityHeaderWriter.writeLine(this);
    }
}
