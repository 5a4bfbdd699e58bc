package org.mediasec.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's size and SHA-256 at one end of a transfer.
 *
 * @param where  who holds it ("UE-A sent", "UE-B received")
 * @param size   octets
 * @param sha256 lower-case hex
 */
public record FileDigest(String where, long size, String sha256) {
    /** Reads {@code file} through SHA-256. */
    public static FileDigest of(String where, Path file) throws IOException {
        MessageDigest md = newSha256();
        long size = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
                size += n;
            }
        }
        return new FileDigest(where, size, HexFormat.of().formatHex(md.digest()));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
