package org.mediasec.ue;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file this UE sent, once the far end acknowledged every chunk (RFC 4975 §7.1.1, Failure-Report yes).
 *
 * @param path      the file
 * @param messageId the MSRP Message-ID
 * @param size      octets
 * @param sha256    lower-case hex SHA-256 of the file as sent
 */
public record SentFile(Path path, String messageId, long size, String sha256) {
    public SentFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(sha256, "sha256");
    }
}
