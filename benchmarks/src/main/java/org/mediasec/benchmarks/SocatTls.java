package org.mediasec.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mediasec.tls.LocalIdentity;

/**
 * The plain-TLS baseline of the MSRP load runs (tooling.md §0/§8): one {@code socat} OpenSSL server
 * writing what it receives to a socat address, one {@code socat} OpenSSL client reading from another
 * and sending it, over loopback, 128 KiB buffers, both under {@code /usr/bin/time} for their CPU time
 * and {@code timeout} for a bound. Every process started here is ended before {@link #run} returns.
 */
final class SocatTls {
    private SocatTls() {
    }

    /**
     * @param seconds   wall time from starting the client to its exit, or (with {@code untilServerExits})
     *                  to the later exit of the server, once it has written the last octet to its sink
     * @param clientCpu CPU seconds (user + system) of the client process
     * @param serverCpu CPU seconds of the server process
     * @param suite     what the client logged as negotiated ({@code TLSv1.3/TLS_AES_128_GCM_SHA256})
     * @param command   the client command line, for the record
     */
    record Run(double seconds, double clientCpu, double serverCpu, String suite, String command) {
        double cpu() {
            return clientCpu + serverCpu;
        }

        double busiest() {
            return Math.max(clientCpu, serverCpu);
        }
    }

    /**
     * Runs one transfer from {@code source} (client side, e.g. {@code OPEN:/dev/zero,readbytes=N} or
     * {@code OPEN:file,rdonly}) to {@code sink} (server side, e.g. {@code OPEN:/dev/null,wronly} or
     * {@code CREATE:file}).
     *
     * @param suite the TLS 1.3 suite both are held to (OpenSSL config {@code Ciphersuites}); empty
     *              leaves OpenSSL's default order ({@code TLS_AES_256_GCM_SHA384})
     */
    static Run run(String source, String sink, String suite, Duration timeout, boolean untilServerExits) throws Exception {
        Path dir = Files.createTempDirectory("msrp-load-baseline");
        LocalIdentity id = LocalIdentity.selfSigned("127.0.0.1");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        id.writePem(cert, key);
        int port = LoadRunSupport.freePort();
        String bound = Long.toString(timeout.toSeconds());
        Path serverCpu = dir.resolve("server.cpu");
        Path clientCpu = dir.resolve("client.cpu");
        List<String> serverCmd = List.of("/usr/bin/time", "-f", "%U %S", "-o", serverCpu.toString(),
                "timeout", bound, "socat", "-u", "-b", "131072",
                "OPENSSL-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,cert=" + cert + ",key=" + key + ",verify=0", sink);
        // -d -d: socat logs the negotiated protocol and suite once, at connection time
        List<String> clientCmd = List.of("/usr/bin/time", "-f", "%U %S", "-o", clientCpu.toString(),
                "timeout", bound, "socat", "-d", "-d", "-u", "-b", "131072",
                source, "OPENSSL-CONNECT:127.0.0.1:" + port + ",verify=0");
        ProcessBuilder serverPb = new ProcessBuilder(serverCmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile());
        ProcessBuilder clientPb = new ProcessBuilder(clientCmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("client.log").toFile());
        if (!suite.isEmpty()) {
            // the same TLS 1.3 suite as ours (TlsOptions negotiates TLS_AES_128_GCM_SHA256): OpenSSL's
            // default order would pick TLS_AES_256_GCM_SHA384, which costs more per octet
            Path conf = dir.resolve("openssl.cnf");
            Files.writeString(conf, String.join("\n", "openssl_conf = default_conf", "[default_conf]",
                    "ssl_conf = ssl_sect", "[ssl_sect]", "system_default = system_default_sect",
                    "[system_default_sect]", "Ciphersuites = " + suite, ""));
            serverPb.environment().put("OPENSSL_CONF", conf.toString());
            clientPb.environment().put("OPENSSL_CONF", conf.toString());
        }
        List<Process> started = new ArrayList<>();
        try {
            Process server = serverPb.start();
            started.add(server);
            LoadRunSupport.awaitListening(port, server, Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            Process client = clientPb.start();
            started.add(client);
            if (!client.waitFor(timeout.toSeconds() + 5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("socat client did not finish within " + timeout);
            }
            long t1 = System.nanoTime();
            if (client.exitValue() != 0) {
                throw new IllegalStateException("socat client exit " + client.exitValue() + ": "
                        + Files.readString(dir.resolve("client.log")));
            }
            if (!server.waitFor(untilServerExits ? timeout.toSeconds() + 5 : 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("socat server did not finish");
            }
            if (untilServerExits) {
                t1 = System.nanoTime();
            }
            if (server.exitValue() != 0) {
                throw new IllegalStateException("socat server exit " + server.exitValue() + ": "
                        + Files.readString(dir.resolve("server.log")));
            }
            String negotiated = Files.readAllLines(dir.resolve("client.log")).stream()
                    .filter(l -> l.contains("SSL connection using ")).findFirst()
                    .map(l -> l.substring(l.indexOf("SSL connection using ") + "SSL connection using ".length()).strip())
                    .orElse("suite not logged");
            return new Run((t1 - t0) / 1e9, LoadRunSupport.cpuSeconds(clientCpu), LoadRunSupport.cpuSeconds(serverCpu),
                    negotiated, String.join(" ", clientCmd.subList(5, clientCmd.size()))
                    + (suite.isEmpty() ? "" : " with OPENSSL_CONF Ciphersuites = " + suite));
        } finally {
            for (Process p : started) {
                if (p.isAlive()) {
                    // /usr/bin/time -> timeout -> socat: end the whole chain, children first
                    p.descendants().forEach(ProcessHandle::destroy);
                    p.destroy();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            }
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
