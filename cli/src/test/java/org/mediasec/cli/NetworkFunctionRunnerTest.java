package org.mediasec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

class NetworkFunctionRunnerTest {
    @Test
    void fileErrorsNameTheFileAndTheReason() {
        assertThat(NetworkFunctionRunner.describe(new NoSuchFileException("/etc/mediasec/agw-cert.pem")))
                .isEqualTo("/etc/mediasec/agw-cert.pem: no such file or directory");
        assertThat(NetworkFunctionRunner.describe(new AccessDeniedException("/root/x")))
                .isEqualTo("/root/x: permission denied");
        assertThat(NetworkFunctionRunner.describe(new IllegalStateException())).contains("IllegalStateException");
    }

    @Test
    void failedStartIsExitOneWithTheReason() throws Exception {
        NetworkFunctionRunner<AutoCloseable> runner = new NetworkFunctionRunner<>("demo");
        StringWriter err = new StringWriter();
        int exit = runner.run(() -> {
            throw new NoSuchFileException("missing.pem");
        }, new PrintWriter(err));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("mediasec demo: cannot start: missing.pem: no such file or directory");
        assertThat(runner.started).isCompletedExceptionally();
    }
}
