package org.mediasec.msrp.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContent;

/**
 * What a message carries, read chunk by chunk so that a large body (a file) never has to be held in
 * memory whole. Implementations are read from the session's thread only.
 */
public interface MsrpPayload extends AutoCloseable {

    /** The Content-Type of every chunk (RFC 4975 §7.1: a request with a body MUST carry one). */
    String contentType();

    /** MIME headers other than Content-Type that every chunk carries (e.g. Content-Disposition). */
    default List<MsrpContent.MimeHeader> mimeHeaders() {
        return List.of();
    }

    /** The number of octets, known in advance. */
    long size();

    /**
     * Reads up to {@code dst.remaining()} octets starting at 0-based {@code position}; returns how
     * many were read (fewer only at the end).
     */
    int read(long position, ByteBuffer dst) throws IOException;

    @Override
    default void close() throws IOException {
    }

    /** A payload held in memory: the content's type, MIME headers and data. */
    static MsrpPayload of(MsrpContent content) {
        Objects.requireNonNull(content, "content");
        ByteBuffer data = content.data().asReadOnlyByteBuffer(); // a view: no copy of the body
        return new MsrpPayload() {
            @Override public String contentType() { return content.contentType(); }
            @Override public List<MsrpContent.MimeHeader> mimeHeaders() { return content.mimeHeaders(); }
            @Override public long size() { return data.capacity(); }

            @Override
            public int read(long position, ByteBuffer dst) {
                int n = (int) Math.min(dst.remaining(), data.capacity() - position);
                dst.put(data.slice((int) position, n));
                return n;
            }
        };
    }

    /** A UTF-8 {@code text/plain} payload. */
    static MsrpPayload text(String utf8) {
        return of(MsrpContent.text(utf8));
    }

    /** {@code contentType} with these bytes. */
    static MsrpPayload of(String contentType, Bytes data) {
        return of(MsrpContent.of(contentType, data));
    }
}
