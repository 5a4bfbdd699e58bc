package org.mediasec.ue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a transferred file travels as the {@code name} parameter of the MSRP Content-Type
 * ({@code application/octet-stream; name="report.pdf"}, RFC 2045 §5.1 parameter syntax). On receipt
 * the name is reduced to a safe base name, so a peer cannot write outside the download directory.
 */
final class FileNames {
    private static final Pattern NAME = Pattern.compile(";\\s*name\\s*=\\s*(\"([^\"]*)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final int MAX_NAME = 128;

    private FileNames() {
    }

    /** {@code application/octet-stream; name="<file name>"}, the name made safe for a quoted string. */
    static String contentType(Path file) {
        return "application/octet-stream; name=\"" + safe(file.getFileName().toString()) + "\"";
    }

    /** The name from a Content-Type, made safe; {@code received-<messageId>} when there is none. */
    static String nameFrom(String contentType, String messageId) {
        Matcher m = NAME.matcher(contentType);
        String raw = m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : "";
        String s = safe(raw);
        return s.isEmpty() ? "received-" + safe(messageId) : s;
    }

    /** Letters, digits, '.', '-', '_' kept; anything else '_'; no leading dot; bounded length. */
    static String safe(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        StringBuilder b = new StringBuilder();
        for (char c : base.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        String s = b.toString();
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        return s.length() > MAX_NAME ? s.substring(s.length() - MAX_NAME) : s;
    }

    /** {@code dir/name}, or {@code dir/name-1}, {@code -2}, ... when it exists. */
    static Path unique(Path dir, String name) {
        Path p = dir.resolve(name);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int i = 1; Files.exists(p); i++) {
            p = dir.resolve(stem + "-" + i + ext);
        }
        return p;
    }
}
