package org.mediasec.ue;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.mediasec.sip.SipTransport;

class UeStartTest {
    @Test
    void aBusyMsrpPortFailsTheStartWithTheReason(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            UeConfig c = new UeConfig("alice", "ims.example.net", "127.0.0.1", 0, SipTransport.UDP, "127.0.0.1:5060",
                    "127.0.0.1", busy.getLocalPort(), UeConfig.DEFAULT_MECHANISMS, SecurityMode.E2E, true, null, null, null,
                    dir.toString(), 600, 30, 10, 1 << 20);
            assertThatThrownBy(() -> Ue.start(c)).isInstanceOf(UeException.class)
                    .hasMessageStartingWith("cannot start UE alice: ").hasMessageContaining("in use");
        }
    }
}
