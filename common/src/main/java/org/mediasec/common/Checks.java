package org.mediasec.common;

import java.util.Objects;

/**
 * Argument checks for compact constructors and builders. Messages name the argument and the
 * expected range, e.g. {@code "transactionId: 70000 (expected: 0..65535)"}.
 */
public final class Checks {
    private Checks() {
    }

    public static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    public static int inRange(int value, int min, int max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    public static long inRange(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
        return value;
    }

    public static String notEmpty(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty");
        }
        return value;
    }

    /** RFC 3261/4566 {@code token}: one or more of the token characters, no white space. */
    public static String token(String value, String name) {
        notEmpty(value, name);
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                throw new IllegalArgumentException(name + ": \"" + value + "\" is not a token (bad character at " + i + ")");
            }
        }
        return value;
    }

    /**
     * RFC 4566 / RFC 8866 token-char: {@code %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E}.
     */
    public static boolean isTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
    }
}
