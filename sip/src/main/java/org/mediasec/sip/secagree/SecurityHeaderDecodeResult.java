package org.mediasec.sip.secagree;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SecurityHeaderParser#decode} found in the header lines of one kind taken from a
 * received message: the mechanisms of every well-formed line, and one {@link Error} per malformed
 * line. A malformed line contributes no mechanism at all (there is no safe way to resynchronise
 * inside a line that may hold quoted commas). The layer above decides what to do; a registrar
 * would answer 400 when {@link #isMalformed()}.
 *
 * @param kind       the header kind
 * @param mechanisms mechanisms of the well-formed lines, in order
 * @param errors     one entry per malformed line, in order
 */
public record SecurityHeaderDecodeResult(SecurityHeaderKind kind, List<SecMechanism> mechanisms, List<Error> errors) {

    public SecurityHeaderDecodeResult {
        Objects.requireNonNull(kind, "kind");
        mechanisms = List.copyOf(mechanisms);
        errors = List.copyOf(errors);
    }

    public boolean isMalformed() {
        return !errors.isEmpty();
    }

    /** True when no line of this kind was present at all. */
    public boolean isAbsent() {
        return mechanisms.isEmpty() && errors.isEmpty();
    }

    /** The well-formed mechanisms as one header, or empty if there are none. */
    public Optional<SecurityHeader> header() {
        return mechanisms.isEmpty() ? Optional.empty() : Optional.of(new SecurityHeader(kind, mechanisms));
    }

    /**
     * One malformed header line.
     *
     * @param kind   the header kind
     * @param input  the header value as received (may be shortened for very long lines)
     * @param offset offset in {@code input} where parsing stopped
     * @param reason what was expected there
     */
    public record Error(SecurityHeaderKind kind, String input, int offset, String reason) {
        public Error {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return kind.headerName() + ": " + reason + " at offset " + offset + " in \"" + printable(input) + "\"";
        }

        private static String printable(String s) {
            StringBuilder sb = new StringBuilder();
            int n = Math.min(s.length(), 200);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c == 0x7F) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            if (s.length() > n) {
                sb.append("...");
            }
            return sb.toString();
        }
    }
}
