package org.mediasec.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.mediasec.agw.config.AgwConfig;
import org.mediasec.core.CoreConfig;
import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.ue.UeConfig;

class LabConfigsTest {
    @Test
    void examplesAreReadWithTheirOwnParsersAtTheDefaultBlock() throws Exception {
        LabConfigs c = new LabConfigs(LabPorts.defaults());
        CoreConfig core = c.core();
        AgwConfig a = c.agw('a');
        AgwConfig b = c.agw('b');

        assertThat(core.port()).isEqualTo(31000);
        assertThat(a.mid()).isEqualTo("[127.0.0.1]:31012");
        assertThat(a.h248().mgcPort()).isEqualTo(31011);
        assertThat(a.h248().localPort()).isEqualTo(31012);
        assertThat(a.realms()).extracting(AgwConfig.RealmConfig::minPort).containsExactly(31100, 31200);
        assertThat(b.h248().mgcPort()).isEqualTo(31021);
        assertThat(b.realms()).extracting(AgwConfig.RealmConfig::maxPort).containsExactly(31399, 31499);
    }

    @Test
    void eachPcscfDrivesItsOwnAgwAndRoutesToTheCore() throws Exception {
        LabConfigs c = new LabConfigs(new LabPorts(40000));
        PcscfConfig a = c.pcscf('a');
        PcscfConfig b = c.pcscf('b');
        AgwConfig agwA = c.agw('a');
        AgwConfig agwB = c.agw('b');

        assertThat(a.sip().port()).isEqualTo(40010);
        assertThat(a.core().uri()).isEqualTo("sip:127.0.0.1:40000;lr");
        assertThat(a.h248().port()).isEqualTo(agwA.h248().mgcPort());
        assertThat(a.h248().agws()).containsExactly(agwA.mid());
        assertThat(a.h248().mid()).isEqualTo("<pcscf-a.mediasec.lab>:40011");
        assertThat(b.h248().port()).isEqualTo(agwB.h248().mgcPort());
        assertThat(b.h248().agws()).containsExactly(agwB.mid());
        assertThat(b.sip().domain()).isEqualTo(c.core().domain());
        assertThat(c.ue('a', Path.of("x")).outboundProxy()).isEqualTo("127.0.0.1:" + a.sip().port());
    }

    @Test
    void uesPointAtTheirPcscf() throws Exception {
        LabConfigs c = new LabConfigs(LabPorts.defaults());
        UeConfig a = c.ue('a', Path.of("/tmp/a"));
        UeConfig b = c.ue('b', Path.of("/tmp/b"));

        assertThat(a.aor()).isEqualTo("sip:alice@ims.mediasec.lab");
        assertThat(a.outboundProxy()).isEqualTo("127.0.0.1:31010");
        assertThat(a.sipPort()).isEqualTo(31030);
        assertThat(a.msrpPort()).isEqualTo(31031);
        assertThat(a.downloadDirectory()).isEqualTo("/tmp/a");
        assertThat(b.aor()).isEqualTo("sip:bob@ims.mediasec.lab");
        assertThat(b.outboundProxy()).isEqualTo("127.0.0.1:31020");
        assertThat(b.domain()).isEqualTo(c.core().domain());
    }

    @Test
    void everyPortMovesWithTheBase() throws Exception {
        LabConfigs c = new LabConfigs(new LabPorts(40000));
        assertThat(c.ue('b', Path.of("x")).outboundProxy()).isEqualTo("127.0.0.1:40020");
        AgwConfig b = c.agw('b');

        assertThat(c.core().port()).isEqualTo(40000);
        assertThat(b.mid()).isEqualTo("[127.0.0.1]:40022");
        assertThat(b.h248().mgcPort()).isEqualTo(40021);
        assertThat(b.realms()).extracting(AgwConfig.RealmConfig::minPort).containsExactly(40300, 40400);
    }

    @Test
    void everyExamplePortIsInsideTheBlock() {
        LabPorts p = LabPorts.defaults();
        assertThatThrownBy(() -> p.moved(5060)).hasMessageContaining("outside the lab block 31000-31499");
        assertThat(p.captureFilter()).isEqualTo("tcp portrange 31000-31499 or udp portrange 31000-31499");
    }
}
