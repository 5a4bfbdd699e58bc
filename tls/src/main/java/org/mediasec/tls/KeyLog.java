package org.mediasec.tls;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Receives TLS secrets in the NSS key log format ({@code SSLKEYLOGFILE}), one line per secret:
 * {@code CLIENT_RANDOM <client_random> <master_secret>} for TLS 1.2, and
 * {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET}, {@code SERVER_HANDSHAKE_TRAFFIC_SECRET},
 * {@code CLIENT_TRAFFIC_SECRET_0}, {@code SERVER_TRAFFIC_SECRET_0}, {@code EXPORTER_SECRET} for
 * TLS 1.3. Wireshark/tshark decrypt captures with it ({@code -o tls.keylog_file:FILE}).
 *
 * <p><b>Debugging and lab use only</b>: whoever reads the log can decrypt the traffic. Key logging
 * is off unless a key log is passed to {@link TlsOptions#withKeyLog(KeyLog)}, and it needs the
 * {@link TlsProvider#OPENSSL} provider (BoringSSL exports the secrets through a callback; the JDK's
 * SunJSSE has no such hook).
 *
 * <p>Implementations are called on event-loop threads during handshakes, concurrently; they must be
 * thread-safe and quick.
 */
public interface KeyLog {
    /** No key logging. */
    KeyLog NONE = line -> {
    };

    /** Records one key log line (no trailing newline). */
    void write(String line);

    /** Appends to {@code file} (created if absent). Close it when done. */
    static FileKeyLog open(Path file) throws IOException {
        return FileKeyLog.open(file);
    }
}
