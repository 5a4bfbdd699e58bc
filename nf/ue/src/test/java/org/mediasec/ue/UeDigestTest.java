package org.mediasec.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.ue.UeTestSupport.await;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.core.Core;
import org.mediasec.core.CoreConfig;

/** REGISTER against the core with digest authentication on (RFC 3261 §22, MD5, qop=auth). */
@org.junit.jupiter.api.Tag("slow")
class UeDigestTest {
    @TempDir
    Path dir;

    @Test
    void registersWithTheRightPasswordAndSaysWhyOtherwise() throws Exception {
        try (Core core = Core.start(CoreConfig.defaults().withPort(0).withUsers(Map.of("alice", "s3cret", "bob", "b0b"), true))) {
            try (Ue alice = Ue.start(UeTestSupport.config("alice", core.port(), dir).withPassword("s3cret"))) {
                assertThat(await(alice.register()).expires()).isEqualTo(600);
                assertThat(core.locationService().lookup(core.aor("alice"))).hasSize(1);
            }
            try (Ue bob = Ue.start(UeTestSupport.config("bob", core.port(), dir).withPassword("wrong"))) {
                assertThatThrownBy(() -> await(bob.register())).cause().isInstanceOf(UeException.class)
                        .hasMessageStartingWith("REGISTER sip:bob@ims.example.net via 127.0.0.1:" + core.port() + " answered 401")
                        .hasMessageEndingWith("(credentials refused)");
            }
        }
    }
}
