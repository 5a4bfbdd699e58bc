package org.mediasec.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab that cannot start says which step failed and why, runs no scenario, and exits 1. */
class LabStartFailureTest {
    @Test
    void aBusyPortFailsTheStartUpCheckAndNoScenarioRuns(@TempDir Path dir) throws Exception {
        LabPorts ports = LabPorts.freeBlock(30000);
        try (ServerSocket squatter = new ServerSocket(ports.coreSip(), 1, InetAddress.getLoopbackAddress());
             Lab lab = Lab.start(LabOptions.defaults().withPorts(ports).withWorkDir(dir), line -> { })) {
            LabReport r = lab.run();
            String text = ReportRenderer.render(r);

            assertThat(r.exitCode()).isEqualTo(1);
            ScenarioReport startUp = r.scenarios().get(0);
            assertThat(startUp.checks()).singleElement().satisfies(c -> {
                assertThat(c.held()).isFalse();
                assertThat(c.detail()).contains("in use: [" + ports.coreSip() + "]", "--base-port");
            });
            assertThat(r.scenarios().subList(1, 3)).allSatisfy(s -> assertThat(s.checks()).singleElement()
                    .satisfies(c -> assertThat(c.detail()).isEqualTo("not run: the lab did not start (see start-up)")));
            assertThat(text).contains("━━ start-up ━━ FAILED", "✘ the lab's ports", "RESULT ✘ 3 of 3 checks failed: exit code 1");
        }
    }
}
