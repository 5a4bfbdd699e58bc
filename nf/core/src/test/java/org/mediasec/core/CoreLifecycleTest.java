package org.mediasec.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mediasec.sip.internal.FreePorts;

class CoreLifecycleTest {

    @Test
    void closeFreesThePortAndEndsTheStackThreads() throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Core core = Core.start(CoreConfig.defaults().withPort(0));
        int port = core.port();
        assertThat(core.localAddress().getPort()).isEqualTo(port);
        assertThat(FreePorts.isFree(InetAddress.getByName("127.0.0.1"), port)).isFalse();
        core.close();
        core.close(); // idempotent
        assertThat(FreePorts.isFree(InetAddress.getByName("127.0.0.1"), port)).isTrue();
        List<String> alive = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (before.contains(t) || t.isDaemon()) {
                continue;
            }
            t.join(TestUe.TIMEOUT.toMillis());
            if (t.isAlive()) {
                alive.add(t.getName());
            }
        }
        assertThat(alive).as("non-daemon threads left after close").isEmpty();
    }
}
