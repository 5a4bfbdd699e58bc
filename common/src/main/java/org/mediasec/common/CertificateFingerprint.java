package org.mediasec.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * A certificate fingerprint as RFC 8122 §5 carries it in {@code a=fingerprint}: a hash function
 * name and the digest of the DER-encoded certificate. Shared by the SDP model and the TLS trust
 * manager so that both compare the same value.
 *
 * <pre>
 * fingerprint-attribute  =  "fingerprint" ":" hash-func SP fingerprint
 * hash-func              =  "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / "md5" / "md2" / token
 * fingerprint            =  2UHEX *(":" 2UHEX)
 * </pre>
 *
 * @param hashFunction the hash function token, stored lower case ("A certificate fingerprint MUST
 *                     be computed using the same one-way hash function as is used in the
 *                     certificate's signature algorithm"; names compare case-insensitively)
 * @param digest       the digest bytes
 */
public record CertificateFingerprint(String hashFunction, Bytes digest) {
    public static final String SHA_1 = "sha-1";
    public static final String SHA_256 = "sha-256";
    public static final String SHA_384 = "sha-384";
    public static final String SHA_512 = "sha-512";

    public CertificateFingerprint {
        hashFunction = Checks.token(hashFunction, "hashFunction").toLowerCase(Locale.ROOT);
        Checks.notNull(digest, "digest");
        if (digest.size() == 0) {
            throw new IllegalArgumentException("digest: empty");
        }
    }

    /** Digest of {@code der} with the named hash function ({@code sha-1}, {@code sha-224}, {@code sha-256}, ...). */
    public static CertificateFingerprint of(String hashFunction, byte[] der) {
        String jca = jcaName(hashFunction).orElseThrow(
                () -> new IllegalArgumentException("hashFunction: unsupported \"" + hashFunction + "\""));
        try {
            return new CertificateFingerprint(hashFunction, Bytes.of(MessageDigest.getInstance(jca).digest(der)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jca + " is not available in this JVM", e);
        }
    }

    /**
     * Parses the attribute value {@code "<hash-func> <hex:hex:...>"}. Lower-case hex is tolerated on
     * input (liberal in what we accept); output is always upper case.
     *
     * @throws IllegalArgumentException with the reason when the value does not follow RFC 8122
     */
    public static CertificateFingerprint parse(String value) {
        Checks.notNull(value, "value");
        int sp = value.indexOf(' ');
        if (sp <= 0) {
            throw new IllegalArgumentException("fingerprint: expected \"<hash-func> <hex>\", got \"" + value + "\"");
        }
        String hash = value.substring(0, sp);
        String hex = value.substring(sp + 1).strip();
        int n = (hex.length() + 1) / 3;
        if (hex.isEmpty() || hex.length() != n * 3 - 1) {
            throw new IllegalArgumentException("fingerprint: malformed hex \"" + hex + "\" (expected 2HEX *(\":\" 2HEX))");
        }
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int hi = Character.digit(hex.charAt(3 * i), 16);
            int lo = Character.digit(hex.charAt(3 * i + 1), 16);
            if (hi < 0 || lo < 0 || (i < n - 1 && hex.charAt(3 * i + 2) != ':')) {
                throw new IllegalArgumentException("fingerprint: malformed hex \"" + hex + "\" at offset " + (3 * i));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return new CertificateFingerprint(hash, Bytes.of(out));
    }

    /** True when {@code der} hashes to this fingerprint with this fingerprint's hash function. */
    public boolean matches(byte[] der) {
        Optional<String> jca = jcaName(hashFunction);
        if (jca.isEmpty()) {
            return false;
        }
        try {
            return MessageDigest.isEqual(MessageDigest.getInstance(jca.get()).digest(der), digest.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }

    /** The JCA digest name for an RFC 8122 hash-func token, if the JVM is expected to have it. */
    public static Optional<String> jcaName(String hashFunction) {
        return switch (hashFunction.toLowerCase(Locale.ROOT)) {
            case "sha-1" -> Optional.of("SHA-1");
            case "sha-224" -> Optional.of("SHA-224");
            case "sha-256" -> Optional.of("SHA-256");
            case "sha-384" -> Optional.of("SHA-384");
            case "sha-512" -> Optional.of("SHA-512");
            case "md5" -> Optional.of("MD5");
            default -> Optional.empty();
        };
    }

    /** The hex part, upper case with colons: {@code 78:D0:CC:...}. */
    public String hex() {
        StringBuilder sb = new StringBuilder(digest.size() * 3);
        String h = digest.hex().toUpperCase(Locale.ROOT);
        for (int i = 0; i < h.length(); i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(h, i, i + 2);
        }
        return sb.toString();
    }

    /** The SDP attribute value: {@code sha-256 78:D0:CC:...}. */
    @Override
    public String toString() {
        return hashFunction + " " + hex();
    }
}
