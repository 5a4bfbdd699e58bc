package org.mediasec.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mediasec.agw.config.AgwConfig;
import org.mediasec.core.CoreConfig;
import org.mediasec.core.CoreConfigYaml;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.ue.UeConfig;
import org.mediasec.ue.UeConfigYaml;

/**
 * The configuration of every network function of the lab, read from the documented example files
 * ({@code examples/lab/<nf>.yaml}, packaged in the lab's jar) with each NF's own parser, then moved to
 * the lab's port block ({@link LabPorts#moved}). So {@code mediasec <nf> --config examples/lab/<nf>.yaml}
 * runs the same network function on its own.
 */
public final class LabConfigs {
    /** The example files, in start order. */
    public static final List<String> FILES = List.of("core.yaml", "agw-a.yaml", "agw-b.yaml", "pcscf-a.yaml",
            "pcscf-b.yaml", "ue-a.yaml", "ue-b.yaml");
    private static final Pattern MID_PORT = Pattern.compile(":(\\d+)$");
    private static final Pattern URI_PORT = Pattern.compile("^sips?:[^:;>]+:(\\d+)");

    private final LabPorts ports;
    /** SIP over TLS on the UE ↔ P-CSCF hops, when set ({@link LabSipTls}). */
    private final LabSipTls sipTls;

    public LabConfigs(LabPorts ports) {
        this(ports, null);
    }

    private LabConfigs(LabPorts ports, LabSipTls sipTls) {
        this.ports = ports;
        this.sipTls = sipTls;
    }

    /** The same configurations with SIP over TLS between each UE and its P-CSCF. */
    LabConfigs withSipTls(LabSipTls tls) {
        return new LabConfigs(ports, tls);
    }

    /** Whether the UE ↔ P-CSCF hops are SIP over TLS. */
    boolean sipOverTls() {
        return sipTls != null;
    }

    public LabPorts ports() {
        return ports;
    }

    /** The text of an example file as packaged. */
    public static String example(String file) {
        try (InputStream in = LabConfigs.class.getResourceAsStream("examples/" + file)) {
            if (in == null) {
                throw new IllegalStateException("examples/lab/" + file + " is missing from the lab's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The core, from {@code core.yaml}. */
    public CoreConfig core() throws IOException {
        CoreConfig c = CoreConfigYaml.parse(example("core.yaml"));
        return c.withPort(ports.moved(c.port()));
    }

    /** IMS-AGW A or B ({@code side} 'a' or 'b'), from {@code agw-<side>.yaml}. */
    public AgwConfig agw(char side) throws IOException {
        AgwConfig c = AgwConfig.parse(example("agw-" + side + ".yaml"));
        AgwConfig.H248 h = c.h248();
        List<AgwConfig.RealmConfig> realms = new ArrayList<>();
        for (AgwConfig.RealmConfig r : c.realms()) {
            realms.add(new AgwConfig.RealmConfig(r.name(), r.bindAddress(), r.advertisedAddress(),
                    ports.moved(r.minPort()), ports.moved(r.maxPort())));
        }
        return c.withMid(movedMid(c.mid()))
                .withH248(h.withMgc(h.mgcAddress(), ports.moved(h.mgcPort()))
                        .withLocal(h.localAddress(), ports.moved(h.localPort())))
                .withRealms(realms);
    }

    /** P-CSCF A or B ({@code side} 'a' or 'b'), from {@code pcscf-<side>.yaml}. */
    public PcscfConfig pcscf(char side) throws IOException {
        PcscfConfig c = PcscfConfig.parse(example("pcscf-" + side + ".yaml"));
        PcscfConfig.H248 h = c.h248();
        List<String> agws = h.agws().stream().map(this::movedMid).toList();
        PcscfConfig.H248 moved = new PcscfConfig.H248(movedMid(h.mid()), h.address(), ports.moved(h.port()), h.transport(),
                h.encoding(), agws, h.heartbeatInterval());
        PcscfConfig p = c.withSip(c.sip().withPort(ports.moved(c.sip().port())))
                .withCore(new PcscfConfig.Core(movedUri(c.core().uri())))
                .withH248(moved);
        return sipTls == null ? p : sipTls.pcscf(side, p);
    }

    /** {@code sip:127.0.0.1:31000;lr} moved to the block. */
    String movedUri(String uri) {
        Matcher m = URI_PORT.matcher(uri);
        if (!m.find()) {
            throw new IllegalArgumentException("no port in " + uri);
        }
        return uri.substring(0, m.start(1)) + ports.moved(Integer.parseInt(m.group(1))) + uri.substring(m.end(1));
    }

    /**
     * UE-A or UE-B ({@code side} 'a' or 'b'), from {@code ue-<side>.yaml}, saving received files in
     * {@code downloads}.
     */
    public UeConfig ue(char side, java.nio.file.Path downloads) throws IOException {
        UeConfig c = UeConfigYaml.parse(example("ue-" + side + ".yaml"));
        UeConfig u = new UeConfig(c.user(), c.domain(), c.sipHost(), ports.moved(c.sipPort()), c.sipTransport(),
                movedHostPort(c.outboundProxy()), c.msrpHost(), ports.moved(c.msrpPort()), c.mediaSecMechanisms(),
                c.securityMode(), c.autoAnswer(), c.certificateFile(), c.privateKeyFile(), null,
                downloads.toString(), c.registerExpires(), c.callTimeout(), c.tlsHandshakeTimeout(), c.maxFileSize(),
                c.password(), c.outboundProxyFingerprints());
        return sipTls == null ? u : sipTls.ue(side, u);
    }

    /** {@code 127.0.0.1:31010} moved to the block. */
    String movedHostPort(String hostPort) {
        Matcher m = MID_PORT.matcher(hostPort);
        if (!m.find()) {
            throw new IllegalArgumentException("not host:port: " + hostPort);
        }
        return hostPort.substring(0, m.start()) + ":" + ports.moved(Integer.parseInt(m.group(1)));
    }

    /** {@code [127.0.0.1]:31012} moved to the block. */
    String movedMid(String mid) {
        Matcher m = MID_PORT.matcher(mid);
        if (!m.find()) {
            return mid;
        }
        return mid.substring(0, m.start()) + ":" + ports.moved(Integer.parseInt(m.group(1)));
    }
}
