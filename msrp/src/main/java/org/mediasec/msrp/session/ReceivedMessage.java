package org.mediasec.msrp.session;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.common.Bytes;

/**
 * A complete message, reassembled from its chunks (RFC 4975 §7.3.1). Small bodies are in memory
 * ({@link #data()}); bodies above {@link MsrpSessionConfig#spillThreshold()} are in a temporary file
 * ({@link #file()}) that now belongs to the application (move or delete it).
 *
 * @param messageId   the Message-ID
 * @param contentType the Content-Type of the chunks
 * @param size        octets
 * @param data        the body when held in memory
 * @param file        the body when spilled to disk
 */
public record ReceivedMessage(String messageId, String contentType, long size, Optional<Bytes> data, Optional<Path> file) {
    public ReceivedMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(file, "file");
        if (data.isPresent() == file.isPresent()) {
            throw new IllegalArgumentException("exactly one of data and file must be present");
        }
    }

    /** The body as UTF-8 text (only for in-memory bodies). */
    public String text() {
        return data.orElseThrow(() -> new IllegalStateException("body is in " + file.get())).utf8();
    }
}
