package org.mediasec.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class TsharkRecipeTest {
    @Test
    void decodesEveryLabProtocolWithTheKeyLogAndTheLuaMapping() {
        CaptureFiles files = CaptureFiles.beside(Path.of("/tmp/out/lab.pcapng"));
        TsharkRecipe r = new TsharkRecipe(files).sip(31000).megaco(31011, false).msrp(31201).msrpOverTls(31100)
                .msrpOverTls(31300);

        assertThat(files.keyLog()).isEqualTo(Path.of("/tmp/out/lab.keylog"));
        assertThat(files.lua()).isEqualTo(Path.of("/tmp/out/lab.msrp-over-tls.lua"));
        assertThat(r.toString()).isEqualTo("tshark -X lua_script:/tmp/out/lab.msrp-over-tls.lua -X lua_script1:31100,31300"
                + " -r /tmp/out/lab.pcapng -o tls.keylog_file:/tmp/out/lab.keylog -d tcp.port==31000,sip"
                + " -d udp.port==31000,sip -d udp.port==31011,megaco -d tcp.port==31201,msrp"
                + " -d tcp.port==31100,tls -d tcp.port==31300,tls");
    }

    @Test
    void pathsWithSpacesAreQuotedForTheShell() {
        TsharkRecipe r = new TsharkRecipe(CaptureFiles.beside(Path.of("/tmp/my lab/x.pcapng"))).sip(31000);
        assertThat(r.toString()).contains("-r '/tmp/my lab/x.pcapng'").contains("'tls.keylog_file:/tmp/my lab/x.keylog'")
                .doesNotContain("lua_script");
    }
}
