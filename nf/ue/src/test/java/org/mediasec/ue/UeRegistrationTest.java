package org.mediasec.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.ue.UeTestSupport.await;

import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;

/**
 * What the UE writes on the wire for sec-agree, seen by a bare UDP peer standing in for the P-CSCF:
 * the exact Security-Client of REGISTER, the Security-Server of the 200 echoed as Security-Verify on
 * the refresh and on INVITE, the preloaded Route, and the de-registration at close.
 */
class UeRegistrationTest {
    static final String SECURITY_SERVER = "Security-Server: msrp-tls;mediasec;q=0.1, bfcp-tls;mediasec;q=0.1";

    @TempDir
    Path dir;

    @Test
    void securityClientThenVerifyOnEveryLaterRequest() throws Exception {
        try (RawSipPeer proxy = new RawSipPeer(); Ue ue = Ue.start(UeTestSupport.config("alice", proxy.port(), dir))) {
            CompletionStage<RegistrationInfo> registering = ue.register();
            RawSipPeer.Received register = proxy.next("REGISTER");
            // TS 24.229 §7.2A.7 / the issue: exactly these three media-plane mechanisms, in one header, no q
            assertThat(register.lines("Security-Client"))
                    .containsExactly("Security-Client: msrp-tls;mediasec, bfcp-tls;mediasec, udptl-dtls;mediasec");
            assertThat(register.lines("Security-Verify")).isEmpty();
            assertThat(register.firstLine()).isEqualTo("REGISTER sip:ims.example.net SIP/2.0");
            assertThat(register.value("To")).isEqualTo("<sip:alice@ims.example.net>");
            assertThat(register.value("Route")).isEqualTo("<sip:127.0.0.1:" + proxy.port() + ";lr>");
            assertThat(register.value("Expires")).isEqualTo("600");
            assertThat(register.value("Supported")).isEqualTo("path");
            proxy.respond(register, 200, "OK", SECURITY_SERVER,
                    "Contact: <sip:alice@127.0.0.1:" + ue.sipAddress().getPort() + ">;expires=300");

            RegistrationInfo info = await(registering);
            assertThat(info.expires()).isEqualTo(300);
            assertThat(info.securityServer().orElseThrow().value()).isEqualTo("msrp-tls;mediasec;q=0.1, bfcp-tls;mediasec;q=0.1");
            assertThat(info.agreed()).isEqualTo(MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS, MediaSecMechanism.BFCP_TLS));

            // RFC 3329 §2.3.1: the Security-Server comes back as Security-Verify on later requests
            CompletionStage<RegistrationInfo> refreshing = ue.register();
            RawSipPeer.Received refresh = proxy.next("REGISTER");
            assertThat(refresh.lines("Security-Verify"))
                    .containsExactly("Security-Verify: msrp-tls;mediasec;q=0.1, bfcp-tls;mediasec;q=0.1");
            assertThat(refresh.lines("Security-Client")).hasSize(1);
            assertThat(refresh.value("Call-ID")).isEqualTo(register.value("Call-ID"));
            assertThat(refresh.value("CSeq")).isNotEqualTo(register.value("CSeq"));
            proxy.respond(refresh, 200, "OK", SECURITY_SERVER);
            assertThat(await(refreshing).expires()).isEqualTo(600);   // no Contact expires, no Expires: what was asked

            CompletionStage<UeCall> calling = ue.call("bob", SecurityMode.E2AE);
            RawSipPeer.Received invite = proxy.next("INVITE");
            assertThat(invite.lines("Security-Verify"))
                    .containsExactly("Security-Verify: msrp-tls;mediasec;q=0.1, bfcp-tls;mediasec;q=0.1");
            assertThat(invite.value("Route")).isEqualTo("<sip:127.0.0.1:" + proxy.port() + ";lr>");
            assertThat(invite.text()).contains("a=3ge2ae:requested\r\n", "m=message " + ue.msrpAddress().getPort() + " TCP/TLS/MSRP *\r\n");
            proxy.respond(invite, 486, "Busy Here");
            assertThatThrownBy(() -> await(calling)).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(UeException.class).hasMessage("INVITE to sip:bob@ims.example.net answered 486 Busy Here");
            RawSipPeer.Received ack = proxy.next("ACK");   // RFC 3261 §17.1.1.3: the stack ACKs the failure
            assertThat(ack.value("Call-ID")).isEqualTo(invite.value("Call-ID"));

            Thread closer = new Thread(ue::close);
            closer.start();
            RawSipPeer.Received bye = proxy.next("REGISTER");
            assertThat(bye.value("Expires")).isEqualTo("0");
            assertThat(bye.lines("Security-Verify")).hasSize(1);
            proxy.respond(bye, 200, "OK");
            closer.join(UeTestSupport.TIMEOUT.toMillis());
            assertThat(closer.isAlive()).isFalse();
        }
    }

    @Test
    void theRegistrationIsRefreshedAtHalfTheGrantedInterval() throws Exception {
        try (RawSipPeer proxy = new RawSipPeer();
             Ue ue = Ue.start(UeTestSupport.config("alice", proxy.port(), dir).withRegisterExpires(3600))) {
            CompletionStage<RegistrationInfo> registering = ue.register();
            RawSipPeer.Received first = proxy.next("REGISTER");
            long answered = System.nanoTime();
            proxy.respond(first, 200, "OK", SECURITY_SERVER, "Expires: 2");   // the registrar grants 2 s only
            assertThat(await(registering).expires()).isEqualTo(2);
            RawSipPeer.Received refresh = proxy.next("REGISTER");           // sent by the UE on its own
            assertThat(System.nanoTime() - answered).isGreaterThanOrEqualTo(900_000_000L);
            assertThat(refresh.value("Expires")).isEqualTo("3600");
            assertThat(refresh.lines("Security-Verify")).hasSize(1);
            proxy.respond(refresh, 200, "OK", SECURITY_SERVER);
            closeAnswering(ue, proxy);
        }
    }

    /** Closes the UE, answering its de-registration (so the close does not wait for a timeout). */
    static void closeAnswering(Ue ue, RawSipPeer proxy) throws Exception {
        Thread closer = new Thread(ue::close);
        closer.start();
        RawSipPeer.Received unregister = proxy.next("REGISTER");
        assertThat(unregister.value("Expires")).isEqualTo("0");
        proxy.respond(unregister, 200, "OK");
        closer.join(UeTestSupport.TIMEOUT.toMillis());
        assertThat(closer.isAlive()).isFalse();
    }

    @Test
    void aRefusedRegisterFailsWithTheStatus() throws Exception {
        try (RawSipPeer proxy = new RawSipPeer(); Ue ue = Ue.start(UeTestSupport.config("alice", proxy.port(), dir))) {
            CompletionStage<RegistrationInfo> registering = ue.register();
            proxy.respond(proxy.next("REGISTER"), 403, "Forbidden");
            assertThatThrownBy(() -> await(registering)).cause().isInstanceOf(UeException.class)
                    .hasMessage("REGISTER sip:alice@ims.example.net via 127.0.0.1:" + proxy.port() + " answered 403 Forbidden");
            assertThat(ue.registration()).isEmpty();
        }
    }
}
