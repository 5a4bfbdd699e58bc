package org.mediasec.msrp.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.session.MsrpPayload;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendOptions;
import org.mediasec.sdp.FileRange;
import org.mediasec.sdp.FileSelector;

/**
 * RFC 5547 file transfer at the MSRP level.
 *
 * <p>{@code a=file-range} (resume): RFC 5547 §8.7 "If a 'file-range' attribute is present in SDP, the
 * file sender application MUST extract the indicated range of octets from the file (start and stop
 * offset octets, both inclusive)" ... "MSRP will consider the delivered content as a whole message,
 * and will start numbering bytes with the number 1." The receiver writes the message at file offset
 * {@code start-1}. RFC 5547 §8.7 also says "implementations according to this specification MUST
 * include a single file in a single MSRP message" and "senders MUST NOT send additional files over
 * the same MSRP session": use one session per file.
 */
public final class FileTransfers {
    private static final String DEFAULT_TYPE = "application/octet-stream";

    private FileTransfers() {
    }

    /** A selector for {@code file}: name, type, size and SHA-1 hash (RFC 5547 §6). */
    public static FileSelector selector(Path file, String type) throws IOException {
        return new FileSelector(selectorName(file), type, Files.size(file),
                List.of(new FileSelector.Hash("sha-1", Bytes.of(digest(file, "SHA-1")))));
    }

    /** The file's name as a {@code name:} selector writes it: {@code %} and {@code "} percent-encoded (RFC 5547 §6). */
    static String selectorName(Path file) {
        return file.getFileName().toString().replace("%", "%25").replace("\"", "%22");
    }

    /** The payload to send for a selector and optional range: Content-Type from the selector's type. */
    public static MsrpPayload payload(Path file, FileSelector selector, Optional<FileRange> range) throws IOException {
        long size = Files.size(file);
        long start = range.map(FileRange::start).orElse(1L);
        long stop = range.map(FileRange::stop).filter(s -> s != null).orElse(size);
        if (start > size + 1 || stop > size) {
            throw new IllegalArgumentException("file-range " + start + "-" + stop + " is outside " + file + " (" + size + " octets)");
        }
        String type = selector.type() != null ? selector.type() : DEFAULT_TYPE;
        return new FilePayload(file, type, start - 1, stop - start + 1);
    }

    /** Sends {@code file} on {@code session}; returns the Message-ID. */
    public static String send(MsrpSession session, Path file, FileSelector selector, Optional<FileRange> range,
                              SendOptions options) throws IOException {
        return session.send(payload(file, selector, range), options);
    }

    /**
     * Stores a received message into {@code target}: the whole file, or (with a range) its octets at
     * {@code start-1} in an existing partial file. A spilled body is moved, not copied, when possible.
     */
    public static Path save(ReceivedMessage message, Path target, Optional<FileRange> range) throws IOException {
        long offset = range.map(r -> r.start() - 1).orElse(0L);
        if (offset == 0 && message.file().isPresent()) {
            Files.move(message.file().get(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            if (offset == 0) {
                out.truncate(0);
            }
            long pos = offset;
            if (message.data().isPresent()) {
                ByteBuffer src = message.data().get().asReadOnlyByteBuffer();
                while (src.hasRemaining()) {
                    pos += out.write(src, pos);
                }
            } else {
                try (FileChannel in = FileChannel.open(message.file().get(), StandardOpenOption.READ)) {
                    long n = in.size();
                    long done = 0;
                    while (done < n) {
                        done += in.transferTo(done, n - done, out.position(pos + done));
                    }
                }
                Files.deleteIfExists(message.file().get());
            }
        }
        return target;
    }

    /**
     * Checks a received file against the selector (RFC 5547 §6: size and {@code hash:sha-1}); empty
     * when it matches, else what differs. Selectors without size or hash pass on that count.
     */
    public static Optional<String> verify(Path file, FileSelector selector) throws IOException {
        long size = Files.size(file);
        if (selector.size() != null && selector.size() != size) {
            return Optional.of("size " + size + " differs from file-selector size " + selector.size());
        }
        Optional<FileSelector.Hash> sha1 = selector.sha1();
        if (sha1.isPresent()) {
            byte[] actual = digest(file, "SHA-1");
            if (!Bytes.of(actual).equals(sha1.get().value())) {
                return Optional.of("sha-1 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(actual)
                        + " differs from file-selector hash " + sha1.get().hex());
            }
        }
        return Optional.empty();
    }

    /** Hex SHA-256 of a file (for tests and logs). */
    public static String sha256(Path file) throws IOException {
        return HexFormat.of().formatHex(digest(file, "SHA-256"));
    }

    static byte[] digest(Path file, String algorithm) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return md.digest();
    }
}
