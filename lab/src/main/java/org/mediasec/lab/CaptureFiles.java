package org.mediasec.lab;

import java.nio.file.Path;

/**
 * The files of a {@code --pcap} run, side by side: the capture, the NSS key log (SSLKEYLOGFILE) every
 * TLS endpoint of the lab writes to, and the Lua script that makes tshark dissect decrypted TLS
 * payload as MSRP.
 *
 * @param pcap   the pcapng capture ({@code lab.pcapng})
 * @param keyLog the key log beside it ({@code lab.keylog})
 * @param lua    the MSRP-over-TLS mapping beside it ({@code lab.msrp-over-tls.lua})
 */
public record CaptureFiles(Path pcap, Path keyLog, Path lua) {
    /** The files for a capture written to {@code pcap}. */
    public static CaptureFiles beside(Path pcap) {
        Path abs = pcap.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return new CaptureFiles(abs, abs.resolveSibling(stem + ".keylog"), abs.resolveSibling(stem + ".msrp-over-tls.lua"));
    }
}
