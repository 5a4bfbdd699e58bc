package org.mediasec.agw.h248;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mediasec.agw.AgwNode;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.transport.ErlangPeer;
import org.mediasec.testkit.ExternalTool;
import org.mediasec.tls.FingerprintTrustManager;
import org.mediasec.tls.LocalIdentity;

/**
 * Erlang/OTP megaco 4.4.2 as the MGC (IMS-ALG) drives our IMS-AGW ({@link AgwNode}) over H.248/UDP
 * through one e2ae MSRP context ({@code h248_peer.escript role=mgc flow=agw}): Add access with
 * {@code a=fingerprint:$}, Add core, Modify with the UE's fingerprint; a TLS UE pinning the fingerprint
 * Erlang read from our reply connects, data crosses to a plain core peer and back; then Erlang
 * subtracts both terminations and reads our Statistics descriptors.
 */
@Tag("interop")
class AgwMegacoInteropTest {
    static final Duration STEP = Duration.ofSeconds(Long.getLong("mediasec.interop.step-seconds", 15));
    static final LocalIdentity UE = LocalIdentity.selfSigned("ue.interop.test");
    static final LocalIdentity OTHER = LocalIdentity.selfSigned("not-the-ue.interop.test");

    static AgwConfig agwConfig(int mgcPort) {
        int base = 26000 + new Random().nextInt(40) * 50;   // below the ephemeral range (32768-60999)
        return AgwConfig.defaults().withMid("[127.0.0.1]:2945")
                .withH248(AgwConfig.H248.DEFAULTS.withMgc("127.0.0.1", mgcPort).withLocal("127.0.0.1", 0))
                .withRealms(List.of(new AgwConfig.RealmConfig("access", "127.0.0.1", null, base, base + 24),
                        new AgwConfig.RealmConfig("core", "127.0.0.1", null, base + 25, base + 49)));
    }

    /**
     * The Remote fingerprint Erlang gives is not the UE's: the AGW refuses the UE's certificate and
     * Notifies {@code g/cause} (FP, {@code tls-fingerprint-mismatch}); Erlang decodes it, then subtracts
     * a context that is still there.
     */
    @Test
    void erlangMgcIsNotifiedOfAFingerprintMismatch() throws Exception {
        Path escript = ExternalTool.require("escript");
        int mgcPort = ErlangPeer.freePort();
        try (ServerSocket core = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             ErlangPeer peer = ErlangPeer.start(escript, "role=mgc", "flow=agw", "transport=udp", "encoding=compact", "version=3",
                     "port=" + mgcPort, "timeout=" + STEP.toSeconds() * 4, "core_port=" + core.getLocalPort(),
                     "ue_fp=" + OTHER.fingerprint())) {
            peer.await("READY", STEP);
            try (AgwNode agw = AgwNode.start(agwConfig(mgcPort))) {
                Map<String, String> modified = fields(peer.await("EVENT agw_modified", STEP));
                int accessPort = Integer.parseInt(modified.get("access_port"));
                CertificateFingerprint agwFp = CertificateFingerprint.parse(modified.get("agw_fingerprint").replace('_', ' '));
                try (SSLSocket ue = ue(new InetSocketAddress("127.0.0.1", accessPort), agwFp)) {
                    ue.getOutputStream().write(1);
                    ue.getOutputStream().flush();
                    assertThat(ue.getInputStream().read()).isEqualTo(-1);
                } catch (IOException refused) {
                    // the AGW's bad_certificate alert, or the reset after it
                }
                String line = peer.await("EVENT agw_notify", STEP);
                Map<String, String> n = fields(line);
                assertThat(n.get("termination")).as(line).isEqualTo(modified.get("access"));
                assertThat(n.get("request_id")).as(line).isEqualTo("2001");
                // megaco's text decoder lower-cases names and unquoted values (Annex B tokens are case-insensitive)
                assertThat(n.get("generalcause")).as(line).isEqualToIgnoringCase("FP");
                assertThat(n.get("failurecause")).as(line).startsWith("tls-fingerprint-mismatch:")
                        .contains(UE.fingerprint().toString().replace(' ', '_'));
                assertThat(core.isBound()).isTrue();
                peer.send("subtract");
                Map<String, String> sub = fields(peer.await("EVENT agw_subtract_reply", STEP));
                assertThat(stats(sub.get("access"))).containsEntry("nt/or", "0");
                assertThat(stats(sub.get("core"))).containsEntry("nt/os", "0");
                peer.await("EVENT done", STEP);
                assertThat(peer.exitCode(STEP)).isZero();
                assertThat(agw.contexts().contexts()).isZero();
                assertThat(agw.relays().openChannels()).isZero();
                assertThat(agw.metrics().fingerprintRefusals()).isEqualTo(1.0);
            }
        }
    }

    @Test
    void erlangMgcDrivesOneE2aeMsrpContext() throws Exception {
        Path escript = ExternalTool.require("escript");
        int mgcPort = ErlangPeer.freePort();
        byte[] up = random(120_000, 1);
        byte[] down = random(80_000, 2);
        try (ServerSocket core = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
             ErlangPeer peer = ErlangPeer.start(escript, "role=mgc", "flow=agw", "transport=udp", "encoding=pretty", "version=3",
                     "port=" + mgcPort, "timeout=" + STEP.toSeconds() * 4, "core_port=" + core.getLocalPort(),
                     "ue_fp=" + UE.fingerprint())) {
            peer.await("READY", STEP);
            try (AgwNode agw = AgwNode.start(agwConfig(mgcPort))) {
                Map<String, String> add = fields(peer.await("EVENT agw_add_access_reply", STEP));
                assertThat(add.get("termination")).startsWith("access/");
                Map<String, String> modified = fields(peer.await("EVENT agw_modified", STEP));
                int accessPort = Integer.parseInt(modified.get("access_port"));
                CertificateFingerprint agwFp = CertificateFingerprint.parse(modified.get("agw_fingerprint").replace('_', ' '));
                assertThat(agwFp).isEqualTo(agw.identity().fingerprint());

                CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                    try {
                        Socket s = core.accept();
                        s.setSoTimeout((int) STEP.toMillis());
                        return s;
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                try (SSLSocket ue = ue(new InetSocketAddress("127.0.0.1", accessPort), agwFp);
                     Socket coreSide = accepted.get(STEP.toSeconds(), TimeUnit.SECONDS)) {
                    ue.getOutputStream().write(up);
                    ue.getOutputStream().flush();
                    assertThat(coreSide.getInputStream().readNBytes(up.length)).isEqualTo(up);
                    coreSide.getOutputStream().write(down);
                    coreSide.getOutputStream().flush();
                    assertThat(ue.getInputStream().readNBytes(down.length)).isEqualTo(down);

                    peer.send("subtract");
                    Map<String, String> sub = fields(peer.await("EVENT agw_subtract_reply", STEP));
                    assertThat(stats(sub.get("access"))).containsEntry("nt/or", Long.toString(up.length))
                            .containsEntry("nt/os", Long.toString(down.length));
                    assertThat(stats(sub.get("core"))).containsEntry("nt/os", Long.toString(up.length))
                            .containsEntry("nt/or", Long.toString(down.length));
                    assertThat(ue.getInputStream().read()).as("access leg closed by the Subtract").isEqualTo(-1);
                    assertThat(coreSide.getInputStream().read()).as("core leg closed by the Subtract").isEqualTo(-1);
                }
                peer.await("EVENT done", STEP);
                assertThat(peer.exitCode(STEP)).isZero();
                assertThat(agw.contexts().contexts()).isZero();
                assertThat(agw.relays().relays()).isZero();
                assertThat(agw.relays().openChannels()).isZero();
            }
        }
    }

    static Map<String, String> fields(String line) {
        Map<String, String> m = new HashMap<>();
        for (String token : line.split(" ")) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                m.put(token.substring(0, eq), token.substring(eq + 1));
            }
        }
        return m;
    }

    static Map<String, String> stats(String list) {
        Map<String, String> m = new HashMap<>();
        for (String s : list.split(",")) {
            int colon = s.indexOf(':');
            if (colon > 0) {
                m.put(s.substring(0, colon), s.substring(colon + 1));
            }
        }
        return m;
    }

    static SSLSocket ue(InetSocketAddress agw, CertificateFingerprint pin) throws Exception {
        char[] pw = "pw".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("ue", UE.privateKey(), pw, UE.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {FingerprintTrustManager.of(pin)}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(agw.getAddress(), agw.getPort());
        s.setSoTimeout((int) STEP.toMillis());
        s.startHandshake();
        return s;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
