package org.mediasec.msrp.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

import org.mediasec.msrp.session.MsrpPayload;

/**
 * A file (or a range of it) read from disk as chunks are produced; nothing is held in memory beyond
 * the chunk being built. The file is opened on the first read and closed with the payload.
 */
public final class FilePayload implements MsrpPayload {
    private final Path file;
    private final String contentType;
    private final long offset;
    private final long length;
    private FileChannel channel;

    /**
     * @param offset 0-based position of the first octet sent
     * @param length octets sent from there
     */
    public FilePayload(Path file, String contentType, long offset, long length) {
        this.file = Objects.requireNonNull(file, "file");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset/length: " + offset + "/" + length + " (expected: >= 0)");
        }
        this.offset = offset;
        this.length = length;
    }

    /** The whole file. */
    public static FilePayload of(Path file, String contentType) throws IOException {
        return new FilePayload(file, contentType, 0, Files.size(file));
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        int want = (int) Math.min(dst.remaining(), length - position);
        if (want <= 0) {
            return -1;
        }
        if (want == dst.remaining()) {
            return channel.read(dst, offset + position); // the usual case: no view to allocate
        }
        ByteBuffer slice = dst.slice();
        slice.limit(want);
        int n = channel.read(slice, offset + position);
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public String toString() {
        return "FilePayload[" + file + " " + (offset + 1) + "-" + (offset + length) + ", " + contentType + "]";
    }
}
