package org.mediasec.tls;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.mediasec.common.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KeyLog} appending to a file, one {@code write} per line so that several contexts (or
 * processes, such as {@code openssl -keylogfile}) can share the file. Thread-safe.
 */
public final class FileKeyLog implements KeyLog, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(FileKeyLog.class);

    /** The environment variable browsers, curl and openssl-based tools read: {@value}. */
    public static final String ENVIRONMENT_VARIABLE = "SSLKEYLOGFILE";

    private final Path file;
    private final FileChannel channel;

    private FileKeyLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens {@code file} for appending, creating it if needed. */
    public static FileKeyLog open(Path file) throws IOException {
        Checks.notNull(file, "file");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        LOG.warn("[tls] TLS key log enabled: secrets are written to {} (for debugging only)", file.toAbsolutePath());
        return new FileKeyLog(file, ch);
    }

    /** A key log on the file named by {@code SSLKEYLOGFILE}, if that variable is set and not empty. */
    public static Optional<FileKeyLog> fromEnvironment() throws IOException {
        String name = System.getenv(ENVIRONMENT_VARIABLE);
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(open(Path.of(name)));
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void write(String line) {
        String l = line.endsWith("\n") ? line : line + "\n";
        ByteBuffer buf = ByteBuffer.wrap(l.getBytes(StandardCharsets.US_ASCII));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the TLS key log " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "FileKeyLog[" + file + "]";
    }
}
