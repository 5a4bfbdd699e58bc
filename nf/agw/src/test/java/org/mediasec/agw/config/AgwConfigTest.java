package org.mediasec.agw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.MId;
import org.mediasec.h248.text.Style;

class AgwConfigTest {

    @Test
    void thePrintedDefaultFileIsTheDefaults() throws Exception {
        assertThat(AgwConfig.parse(AgwConfig.defaultYaml())).isEqualTo(AgwConfig.defaults());
        assertThat(AgwConfig.parse("")).isEqualTo(AgwConfig.defaults());
        assertThat(AgwConfig.defaultYaml()).contains("# Default:");
    }

    @Test
    void defaults() {
        AgwConfig d = AgwConfig.defaults();
        assertThat(d.h248().mgcPort()).isEqualTo(2944);
        assertThat(d.h248().style()).isEqualTo(Style.PRETTY);
        assertThat(d.realms()).extracting(AgwConfig.RealmConfig::name).containsExactly("access", "core");
        assertThat(d.limits().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.metrics().port()).isZero();
        assertThat(d.mId()).isEqualTo(new MId.Domain("agw.mediasec.invalid", null));
    }

    @Test
    void partialFileKeepsTheOtherDefaults() throws Exception {
        AgwConfig c = AgwConfig.parse("""
                mid: "[192.0.2.1]:2945"
                h248:
                  mgc-address: 192.0.2.9
                  transport: tcp
                  encoding: compact
                realms:
                  - name: ue
                    bind-address: 0.0.0.0
                    advertised-address: 203.0.113.5
                    min-port: 50000
                    max-port: 50010
                limits:
                  connect-timeout: 1500ms
                metrics:
                  port: 9464
                """);
        assertThat(c.mId()).isEqualTo(new MId.Ip4("192.0.2.1", 2945));
        assertThat(c.h248().mgc().getPort()).isEqualTo(2944);
        assertThat(c.h248().tcp()).isTrue();
        assertThat(c.h248().style()).isEqualTo(Style.COMPACT);
        assertThat(c.realms()).hasSize(1);
        assertThat(c.realms().get(0).advertisedAddress()).isEqualTo("203.0.113.5");
        assertThat(c.limits().connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.limits().closeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.metrics().port()).isEqualTo(9464);
    }

    @Test
    void mistakesAreReportedWithTheirKey() {
        assertThatThrownBy(() -> AgwConfig.parse("h248:\n  transport: sctp\n"))
                .hasMessageContaining("h248.transport: sctp");
        assertThatThrownBy(() -> AgwConfig.parse("h248:\n  mgc-prot: 1\n")).hasMessageContaining("mgc-prot");
        assertThatThrownBy(() -> AgwConfig.parse("realms:\n  - name: a\n    min-port: 10\n    max-port: 5\n"))
                .hasMessageContaining("max-port 5 < min-port 10");
        assertThatThrownBy(() -> AgwConfig.parse("limits:\n  close-timeout: soon\n")).hasMessageContaining("soon");
        assertThatThrownBy(() -> AgwConfig.parse("tls:\n  provider: gnutls\n")).hasMessageContaining("gnutls");
        assertThatThrownBy(() -> AgwConfig.parse("limits:\n  low-water-mark: 9000\n  high-water-mark: 8000\n"))
                .hasMessageContaining("limits.low-water-mark/high-water-mark: 9000/8000");
    }

    @Test
    void theExampleParses() throws Exception {
        Path example = Path.of("../../examples/agw.yaml");
        if (Files.exists(example)) {
            AgwConfig c = AgwConfig.load(example);
            assertThat(c.realms()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(c.bearer().splice()).isFalse();
        }
    }

    @Test
    void bearerSpliceIsOffByDefaultAndDocumentedInThePrintedFile() throws Exception {
        assertThat(AgwConfig.defaults().bearer().splice()).isFalse();
        assertThat(AgwConfig.parse("bearer: {}\n").bearer().splice()).isFalse();
        assertThat(AgwConfig.defaultYaml()).contains("bearer:\n", "  splice: false\n", "epoll only", "Off by default",
                "Pass-through, third session");
        AgwConfig on = AgwConfig.parse("bearer:\n  splice: true\n");
        assertThat(on.bearer().splice()).isTrue();
        assertThat(on.limits()).isEqualTo(AgwConfig.defaults().limits());
        assertThat(AgwConfig.defaults().withBearer(new AgwConfig.Bearer(true))).isEqualTo(on);
        assertThatThrownBy(() -> AgwConfig.parse("bearer:\n  splise: true\n")).hasMessageContaining("splise");
        assertThatThrownBy(() -> AgwConfig.parse("bearer:\n  splice: sometimes\n")).hasMessageContaining("sometimes");
    }

    @Test
    void theTrgwProfile() throws Exception {
        AgwConfig t = AgwConfig.parse("profile: trgw\n");
        assertThat(t.trgw()).isTrue();
        assertThat(t.realms()).extracting(AgwConfig.RealmConfig::name).containsExactly("home", "interconnect");
        assertThat(AgwConfig.defaults().trgw()).isFalse();
        assertThat(AgwConfig.defaults().profile()).isEqualTo("agw");
        assertThatThrownBy(() -> AgwConfig.parse("profile: sbc\n")).hasMessageContaining("profile: sbc");
        Path example = Path.of("../../examples/trgw.yaml");
        if (Files.exists(example)) {
            AgwConfig c = AgwConfig.load(example);
            assertThat(c.trgw()).isTrue();
            assertThat(c.realms()).extracting(AgwConfig.RealmConfig::name).containsExactly("home", "interconnect");
            assertThat(c.bearer().splice()).isFalse();
        }
    }
}
