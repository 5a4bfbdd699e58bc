package org.mediasec.pcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.mediasec.sip.secagree.SecMechanism;
import org.mediasec.sip.secagree.SecurityHeaderKind;
import org.mediasec.sip.secagree.SecurityHeaderParser;
import org.mediasec.sip.secagree.SecurityHeaderWriter;
import org.mediasec.testkit.ManualTimerService;

class MediaSecRegistrationsTest {
    static final RegistrationKey ALICE = RegistrationKey.of("sip:alice@ims.example.net",
            "<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>");
    static final RegistrationKey ALICE_2 = RegistrationKey.of("sip:Alice@ims.example.net", "sip:alice@192.0.2.99");

    final ManualTimerService clock = new ManualTimerService();
    final MediaSecRegistrations store = new MediaSecRegistrations(MediaSecPolicy.of(
            MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS, MediaSecMechanism.UDPTL_DTLS), OptionalDouble.of(0.5)),
            clock);

    static List<SecMechanism> client(String value) {
        return SecurityHeaderParser.parse(SecurityHeaderKind.CLIENT, value).mechanisms();
    }

    @Test
    void intersectsWithWhatThePcscfSupportsAndAnswersWithItsStaticList() {
        MediaSecRegistration r = store.register(ALICE, client(
                "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064, msrp-tls;mediasec, bfcp-tls;mediasec, x-new;mediasec"),
                Duration.ofSeconds(600));

        assertThat(r.ueOffered().mechanisms()).containsExactly(MediaSecMechanism.MSRP_TLS, MediaSecMechanism.BFCP_TLS);
        assertThat(r.ueOffered().unknownTokens()).containsExactly("x-new");
        assertThat(r.agreed()).isEqualTo(MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS));
        assertThat(SecurityHeaderWriter.writeLine(r.securityServer().orElseThrow()))
                .isEqualTo("Security-Server: msrp-tls;mediasec;q=0.5, udptl-dtls;mediasec;q=0.5");
        assertThat(store.capabilities(ALICE).contains(MediaSecMechanism.MSRP_TLS)).isTrue();
        assertThat(store.capabilities(ALICE).contains(MediaSecMechanism.BFCP_TLS)).isFalse();
    }

    @Test
    void aUeWithoutMediasecGetsNoSecurityServerAndNoCapabilities() {
        MediaSecRegistration r = store.register(ALICE, client("ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=1;port-s=2"),
                Duration.ofSeconds(600));
        assertThat(r.securityServer()).isEmpty();
        assertThat(store.capabilities(ALICE).isEmpty()).isTrue();
        assertThat(store.lookup(ALICE)).isPresent();
        assertThat(store.verify(ALICE, SecurityHeaderParser.decode(SecurityHeaderKind.VERIFY,
                "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=1;port-s=2")).status())
                .isEqualTo(VerifyResult.Status.NOT_APPLICABLE);
    }

    @Test
    void contactsAreSeparateAndAorComparesIgnoringCase() {
        store.register(ALICE, client("msrp-tls;mediasec"), Duration.ofSeconds(600));
        store.register(ALICE_2, client("udptl-dtls;mediasec"), Duration.ofSeconds(600));
        assertThat(store.capabilities(ALICE)).isEqualTo(MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS));
        assertThat(store.capabilities(RegistrationKey.of("sip:alice@ims.example.net", "sip:alice@192.0.2.99")))
                .isEqualTo(MediaSecCapabilities.of(MediaSecMechanism.UDPTL_DTLS));
    }

    @Test
    void forgetsOnExpiryAndARefreshRestartsTheTimer() {
        store.register(ALICE, client("msrp-tls;mediasec"), Duration.ofSeconds(600));
        clock.advance(Duration.ofSeconds(500));
        store.register(ALICE, client("msrp-tls;mediasec"), Duration.ofSeconds(600));   // refresh at t=500
        clock.advance(Duration.ofSeconds(200));                                        // t=700: first timer would have fired
        assertThat(store.lookup(ALICE)).isPresent();
        clock.advance(Duration.ofSeconds(399));                                        // t=1099
        assertThat(store.lookup(ALICE)).isPresent();
        clock.advance(Duration.ofSeconds(1));                                          // t=1100
        assertThat(store.lookup(ALICE)).isEmpty();
        assertThat(store.capabilities(ALICE).isEmpty()).isTrue();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void forgetsOnDeregistration() {
        store.register(ALICE, client("msrp-tls;mediasec"), Duration.ofSeconds(600));
        MediaSecRegistration r = store.register(ALICE, client("msrp-tls;mediasec"), Duration.ZERO);
        assertThat(r.securityServer()).isEmpty();
        assertThat(store.lookup(ALICE)).isEmpty();
        assertThat(clock.pending()).isZero();
        store.register(ALICE, client("msrp-tls;mediasec"), Duration.ofSeconds(600));
        assertThat(store.deregister(ALICE)).isTrue();
        assertThat(store.deregister(ALICE)).isFalse();
        assertThat(store.size()).isZero();
    }

    @Test
    void securityVerifyMustMirrorSecurityServer() {
        store.register(ALICE, client("msrp-tls;mediasec, udptl-dtls;mediasec"), Duration.ofSeconds(600));

        VerifyResult ok = store.verify(ALICE, SecurityHeaderParser.decode(SecurityHeaderKind.VERIFY,
                "ipsec-3gpp;q=0.1;alg=hmac-sha-1-96, MSRP-TLS;mediasec;q=0.50, udptl-dtls;mediasec;q=0.5"));
        assertThat(ok.status()).isEqualTo(VerifyResult.Status.MATCH);
        assertThat(ok.accepted()).isTrue();
        assertThat(ok.responseCode()).isZero();

        VerifyResult reordered = store.verify(ALICE, SecurityHeaderParser.decode(SecurityHeaderKind.VERIFY,
                "udptl-dtls;mediasec;q=0.5, msrp-tls;mediasec;q=0.5"));
        assertThat(reordered.status()).isEqualTo(VerifyResult.Status.MISMATCH);
        assertThat(reordered.responseCode()).isEqualTo(494);
        assertThat(reordered.detail()).isEqualTo(
                "Security-Verify entry 1 is udptl-dtls;mediasec;q=0.5, expected msrp-tls;mediasec;q=0.5");
        assertThat(SecurityHeaderWriter.write(reordered.securityServer().orElseThrow()))
                .isEqualTo("msrp-tls;mediasec;q=0.5, udptl-dtls;mediasec;q=0.5");

        VerifyResult dropped = store.verify(ALICE, SecurityHeaderParser.decode(SecurityHeaderKind.VERIFY,
                "msrp-tls;mediasec;q=0.5"));
        assertThat(dropped.status()).isEqualTo(VerifyResult.Status.MISMATCH);

        VerifyResult changedQ = store.verify(ALICE, SecurityHeaderParser.decode(SecurityHeaderKind.VERIFY,
                "msrp-tls;mediasec;q=0.9, udptl-dtls;mediasec;q=0.5"));
        assertThat(changedQ.status()).isEqualTo(VerifyResult.Status.MISMATCH);

        VerifyResult missing = store.verify(ALICE, SecurityHeaderParser.decode(SecurityHeaderKind.VERIFY, List.of()));
        assertThat(missing.status()).isEqualTo(VerifyResult.Status.MISMATCH);
        assertThat(missing.responseCode()).isEqualTo(494);

        VerifyResult malformed = store.verify(ALICE, SecurityHeaderParser.decode(SecurityHeaderKind.VERIFY,
                List.of("msrp-tls;mediasec;q=0.5, udptl-dtls;mediasec;q=0.5", "msrp-tls;;")));
        assertThat(malformed.status()).isEqualTo(VerifyResult.Status.MALFORMED);
        assertThat(malformed.responseCode()).isEqualTo(494);
    }

    @Test
    void anUnregisteredContactIsForbidden() {
        VerifyResult r = store.verify(ALICE, SecurityHeaderParser.decode(SecurityHeaderKind.VERIFY, "msrp-tls;mediasec;q=0.5"));
        assertThat(r.status()).isEqualTo(VerifyResult.Status.NOT_REGISTERED);
        assertThat(r.responseCode()).isEqualTo(403);
        assertThat(r.accepted()).isFalse();
    }
}
