package org.mediasec.msrp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpUri;

class RelayPathsTest {
    static final MsrpUri RELAY = MsrpUri.parse("msrps://relay.example.net:2855/abc;tcp");
    static final MsrpUri ALICE = MsrpUri.parse("msrps://alice.example.com:9892/98cjs;tcp");
    static final MsrpUri BOB = MsrpUri.parse("msrps://bob.example.com:8888/9di4eae923wzd;tcp");

    @Test
    void advertisedPathIsUsePathThenOwnUri() {
        RelayBinding b = new RelayBinding(RELAY, List.of(RELAY), Optional.empty(), 0);
        assertThat(b.advertisedPath(ALICE)).containsExactly(RELAY, ALICE);
    }

    /** RFC 4976 §5.1's example: Use-Path "B C" from relay C gives a=path "C B A" and To-Path "B C D E F". */
    @Test
    void advertisedPathReversesAUsePathOfTwoRelays() {
        MsrpUri b = MsrpUri.parse("msrps://b.example.com:9000/b1;tcp");
        MsrpUri c = MsrpUri.parse("msrps://c.example.com:9000/c1;tcp");
        MsrpUri d = MsrpUri.parse("msrps://d.example.com:9000/d1;tcp");
        MsrpUri e = MsrpUri.parse("msrps://e.example.com:9000/e1;tcp");
        MsrpUri f = MsrpUri.parse("msrps://f.example.com:9000/f1;tcp");
        RelayBinding binding = new RelayBinding(c, List.of(b, c), Optional.empty(), 0);
        assertThat(binding.advertisedPath(ALICE)).containsExactly(c, b, ALICE);
        assertThat(RelayPaths.toPathVia(binding.usePath(), List.of(d, e, f))).containsExactly(b, c, d, e, f);
    }

    @Test
    void viaRelayPrefixesToPathOnly() {
        MsrpRequest send = MsrpRequest.send("a786hjs2", List.of(BOB), List.of(ALICE), "87652491", MsrpContent.text("hi"));
        MsrpRequest via = RelayPaths.viaRelay(send, List.of(RELAY));
        assertThat(via.toPath()).containsExactly(RELAY, BOB);
        assertThat(via.fromPath()).containsExactly(ALICE);
        assertThat(via.headers()).isEqualTo(send.headers());
        assertThat(via.content()).isEqualTo(send.content());
        assertThat(via.transactionId()).isEqualTo(send.transactionId());
        assertThat(RelayPaths.viaRelay(send, List.of())).isSameAs(send);
        assertThat(RelayPaths.toPathVia(List.of(RELAY), List.of(RELAY, BOB))).containsExactly(RELAY, RELAY, BOB);
    }
}
