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

    private final LabPorts ports;

    public LabConfigs(LabPorts ports) {
        this.ports = ports;
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

    /** {@code [127.0.0.1]:31012} moved to the block. */
    String movedMid(String mid) {
        Matcher m = MID_PORT.matcher(mid);
        if (!m.find()) {
            return mid;
        }
        return mid.substring(0, m.start()) + ":" + ports.moved(Integer.parseInt(m.group(1)));
    }
}
