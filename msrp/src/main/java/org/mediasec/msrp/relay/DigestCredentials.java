package org.mediasec.msrp.relay;

import java.util.Objects;

/**
 * The user name and password an MSRP client presents to its relay (RFC 4976 §5.1). The password
 * never appears in {@link #toString()}.
 */
public record DigestCredentials(String username, String password) {
    public DigestCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username: empty");
        }
        if (username.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("username: contains a control character");
        }
    }

    @Override
    public String toString() {
        return "DigestCredentials[username=" + username + ", password=***]";
    }
}
