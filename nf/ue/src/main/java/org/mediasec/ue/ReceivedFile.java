package org.mediasec.ue;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file received on a call, saved in the download directory.
 *
 * @param path        where it was saved
 * @param name        the name the sender gave (sanitised), or a generated one
 * @param contentType the MSRP Content-Type
 * @param size        octets
 * @param sha256      lower-case hex SHA-256 of the saved file
 */
public record ReceivedFile(Path path, String name, String contentType, long size, String sha256) {
    public ReceivedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
    }
}
