package org.mediasec.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediasec.core.LocationService.ContactUpdate;
import org.mediasec.testkit.ManualTimerService;

class LocationServiceTest {
    private static final String AOR = "sip:alice@ims.example.net";
    private static final List<String> PATH = List.of("<sip:pcscf.example.net;lr>");
    private final ManualTimerService clock = new ManualTimerService();
    private final LocationService location = new LocationService(clock);

    private LocationService.Outcome register(String callId, long cseq, ContactUpdate... contacts) {
        return location.register(AOR, callId, cseq, false, List.of(contacts), PATH);
    }

    @Test
    void addsRefreshesAndExpires() {
        assertThat(location.known(AOR)).isFalse();
        var o = register("c1", 1, new ContactUpdate("sip:alice@192.0.2.4", 60));
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.bindings()).singleElement().satisfies(b -> {
            assertThat(b.path()).isEqualTo(PATH);
            assertThat(b.remainingSeconds(clock.nanoTime())).isEqualTo(60);
        });
        clock.advance(Duration.ofSeconds(30));
        assertThat(register("c1", 2, new ContactUpdate("sip:alice@192.0.2.4", 60)).bindings()).hasSize(1);
        clock.advance(Duration.ofSeconds(59));
        assertThat(location.lookup(AOR)).singleElement().satisfies(b -> assertThat(b.remainingSeconds(clock.nanoTime())).isEqualTo(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(location.lookup(AOR)).isEmpty();
        assertThat(location.known(AOR)).as("still a known user").isTrue();
    }

    @Test
    void contactsCompareAsUrisAndNewestComesFirst() {
        register("c1", 1, new ContactUpdate("sip:alice@192.0.2.4:5060", 600));
        clock.advance(Duration.ofSeconds(1));
        register("c2", 1, new ContactUpdate("sip:alice@192.0.2.5", 600));
        clock.advance(Duration.ofSeconds(1));
        // RFC 3261 §19.1.4: parameters and host case: the same URI as the first binding, refreshed
        var o = register("c1", 2, new ContactUpdate("sip:alice@192.0.2.4:5060", 600));
        assertThat(o.bindings()).extracting(Binding::contact).containsExactly("sip:alice@192.0.2.4:5060", "sip:alice@192.0.2.5");
    }

    @Test
    void outOfOrderCseqOnTheSameCallIdFailsAndChangesNothing() {
        register("c1", 5, new ContactUpdate("sip:alice@192.0.2.4", 600));
        var o = register("c1", 5, new ContactUpdate("sip:alice@192.0.2.4", 0), new ContactUpdate("sip:alice@192.0.2.9", 600));
        assertThat(o.status()).isEqualTo(500);
        assertThat(location.lookup(AOR)).extracting(Binding::contact).containsExactly("sip:alice@192.0.2.4");
    }

    @Test
    void anotherCallIdMayRemoveWithZero() {
        register("c1", 5, new ContactUpdate("sip:alice@192.0.2.4", 600));
        var o = register("c2", 1, new ContactUpdate("sip:alice@192.0.2.4", 0));
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.removed()).hasSize(1);
        assertThat(location.lookup(AOR)).isEmpty();
    }

    @Test
    void wildcardRemovesAllUnlessACseqIsNotHigher() {
        register("c1", 5, new ContactUpdate("sip:alice@192.0.2.4", 600));
        register("c2", 1, new ContactUpdate("sip:alice@192.0.2.5", 600));
        assertThat(location.register(AOR, "c1", 5, true, List.of(), List.of()).status()).isEqualTo(500);
        assertThat(location.lookup(AOR)).hasSize(2);
        var o = location.register(AOR, "c1", 6, true, List.of(), List.of());
        assertThat(o.status()).isEqualTo(200);
        assertThat(o.removed()).hasSize(2);
        assertThat(location.lookup(AOR)).isEmpty();
    }

    @Test
    void queryWithoutContactsReturnsCurrentBindings() {
        register("c1", 1, new ContactUpdate("sip:alice@192.0.2.4", 600));
        assertThat(register("c9", 1).bindings()).hasSize(1);
    }
}
