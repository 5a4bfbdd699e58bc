package org.mediasec.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.testkit.Tshark;

class DumpcapCaptureTest {
    @Test
    @Tag("interop")
    void capturesWhatCrossesTheBlockAndStopsCleanly(@TempDir Path dir) throws Exception {
        ExternalTool.require("dumpcap");
        LabPorts ports = LabPorts.freeBlock(30000);
        Path pcap = dir.resolve("probe.pcapng");
        InetAddress lo = InetAddress.getLoopbackAddress();
        long packets;
        try (DumpcapCapture capture = DumpcapCapture.start(pcap, ports, Duration.ofSeconds(20));
             ServerSocket server = new ServerSocket(ports.base() + 100, 1, lo)) {
            try (Socket c = new Socket(lo, server.getLocalPort()); Socket s = server.accept();
                 OutputStream out = c.getOutputStream()) {
                out.write("hello lab".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(s.getInputStream().readNBytes(9)).asString(StandardCharsets.US_ASCII).isEqualTo("hello lab");
            }
            DumpcapCapture.Counts counts = capture.stop();
            packets = counts.packets();
            assertThat(counts.dropped()).isZero();
        }

        assertThat(packets).isPositive();
        String payloads = String.join("\n", Tshark.fields(pcap, "tcp.port==" + (ports.base() + 100) + " && tcp.len > 0",
                "tcp.payload"));
        assertThat(payloads).contains("68656c6c6f206c6162");   // "hello lab"
    }

    @Test
    void missingDumpcapIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> DumpcapCapture.start(Optional.empty(), dir.resolve("x.pcapng"), LabPorts.defaults(),
                Duration.ofSeconds(5)))
                .isInstanceOf(LabException.class)
                .hasMessage("--pcap needs dumpcap, which is not on the PATH (Debian: apt-get install tshark)");
    }

    @Test
    void dumpcapThatMayNotCaptureIsAClearError(@TempDir Path dir) throws Exception {
        // a stand-in that answers as dumpcap does for a user without capture rights
        Path fake = dir.resolve("dumpcap");
        Files.writeString(fake, "#!/bin/sh\necho \"Capturing on 'Loopback: lo'\" >&2\n"
                + "echo \"dumpcap: You don't have permission to capture on that device\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));

        assertThatThrownBy(() -> DumpcapCapture.start(Optional.of(fake), dir.resolve("x.pcapng"), LabPorts.defaults(),
                Duration.ofSeconds(10)))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("dumpcap may not capture on lo: ")
                .hasMessageContaining("You don't have permission to capture on that device")
                .hasMessageContaining("run as root");
    }
}
