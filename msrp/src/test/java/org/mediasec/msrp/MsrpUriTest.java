package org.mediasec.msrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MsrpUriTest {

    @Test
    void parsesEndpointUri() {
        MsrpUri u = MsrpUri.parse("msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp");
        assertThat(u.scheme()).isEqualTo("msrp");
        assertThat(u.secure()).isFalse();
        assertThat(u.userinfo()).isEmpty();
        assertThat(u.host()).isEqualTo("biloxi.example.com");
        assertThat(u.port()).isEqualTo(OptionalInt.of(12763));
        assertThat(u.sessionId()).contains("kjhd37s2s20w2a");
        assertThat(u.transport()).isEqualTo("tcp");
        assertThat(u.params()).isEmpty();
        assertThat(u.toString()).isEqualTo("msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp");
    }

    @Test
    void parsesRelayUriWithUserinfoAndNoSession() {
        MsrpUri u = MsrpUri.parse("msrps://alice@intra.example.com;tcp");
        assertThat(u.secure()).isTrue();
        assertThat(u.userinfo()).contains("alice");
        assertThat(u.host()).isEqualTo("intra.example.com");
        assertThat(u.port()).isEmpty();
        assertThat(u.effectivePort()).isEqualTo(2855);
        assertThat(u.sessionId()).isEmpty();
        assertThat(u.toString()).isEqualTo("msrps://alice@intra.example.com;tcp");
    }

    @Test
    void parsesIpv6AndParameters() {
        MsrpUri u = MsrpUri.parse("msrps://[2001:DB8::1]:2855/a/b+c=;tcp;foo=bar;baz");
        assertThat(u.host()).isEqualTo("[2001:DB8::1]");
        assertThat(u.sessionId()).contains("a/b+c=");
        assertThat(u.params()).containsExactly(new MsrpUri.Param("foo", Optional.of("bar")), new MsrpUri.Param("baz", Optional.empty()));
        assertThat(u.toString()).isEqualTo("msrps://[2001:DB8::1]:2855/a/b+c=;tcp;foo=bar;baz");
        assertThat(u.normalizedHost()).isEqualTo("[2001:db8::1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "msrp:", "http://a.example.com:1/s;tcp", "msrp://a.example.com:1/s", "msrp://a.example.com:1/s;",
        "msrp://:1/s;tcp", "msrp://a.example.com:99999/s;tcp", "msrp://a.example.com:/s;tcp", "msrp://a.example.com:1/;tcp",
        "msrp://a.example.com:1/s s;tcp", "msrp://[::1/s;tcp", "msrp://[zz::1]/s;tcp", "msrp://a.example.com:1/s;t-cp",
        "msrp://a.example.com:1/s;tcp;a=b=c", "msrp://a b.com/s;tcp", "msrp://a.example.com/s%;tcp"
    })
    void rejectsNonMsrpUris(String s) {
        assertThat(MsrpUri.tryParse(s)).isEmpty();
        assertThatThrownBy(() -> MsrpUri.parse(s)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparisonFollowsRfc4975Section61() {
        MsrpUri a = MsrpUri.parse("msrp://Alice.Example.COM:7777/iau39;tcp");
        // scheme and host case-insensitive, transport case-insensitive
        assertThat(a.matches(MsrpUri.parse("MSRP://alice.example.com:7777/iau39;TCP"))).isTrue();
        // userinfo and other URI parameters are not compared
        assertThat(a.matches(MsrpUri.parse("msrp://bob@alice.example.com:7777/iau39;tcp;x=y"))).isTrue();
        // percent-encoded unreserved characters are decoded in the authority
        assertThat(a.matches(MsrpUri.parse("msrp://%61lice.example.com:7777/iau39;tcp"))).isTrue();
        // session-id is case-sensitive; present vs absent never matches
        assertThat(a.matches(MsrpUri.parse("msrp://alice.example.com:7777/IAU39;tcp"))).isFalse();
        assertThat(a.matches(MsrpUri.parse("msrp://alice.example.com:7777;tcp"))).isFalse();
        // an explicit port never equals an absent one, even the default
        assertThat(MsrpUri.parse("msrp://h.example.com:2855/s;tcp").matches(MsrpUri.parse("msrp://h.example.com/s;tcp"))).isFalse();
        assertThat(a.matches(MsrpUri.parse("msrp://alice.example.com:7778/iau39;tcp"))).isFalse();
        // scheme and transport must match
        assertThat(a.matches(MsrpUri.parse("msrps://alice.example.com:7777/iau39;tcp"))).isFalse();
        assertThat(a.matches(MsrpUri.parse("msrp://alice.example.com:7777/iau39;sctp"))).isFalse();
        // IPv6 literals compare as addresses
        assertThat(MsrpUri.parse("msrp://[2001:db8:0:0::1]:1/s;tcp").matches(MsrpUri.parse("msrp://[2001:DB8::0:1]:1/s;tcp"))).isTrue();
        assertThat(a.matches(null)).isFalse();
    }

    @Test
    void constructorValidates() {
        assertThatThrownBy(() -> MsrpUri.of(false, "bad host", 1, "s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
        assertThatThrownBy(() -> MsrpUri.of(false, "h.example.com", 70000, "s")).hasMessageContaining("port: 70000");
        assertThatThrownBy(() -> MsrpUri.of(false, "h.example.com", 1, "s;x")).hasMessageContaining("sessionId");
        assertThat(MsrpUri.of(true, "h.example.com", 1, "s").toString()).isEqualTo("msrps://h.example.com:1/s;tcp");
    }

    @Test
    void ipv6Canonicalisation() {
        assertThat(MsrpUri.Ipv6.canonical("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(MsrpUri.Ipv6.canonical("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(MsrpUri.Ipv6.canonical("::ffff:192.0.2.1")).isEqualTo("::ffff:c000:201");
        assertThat(MsrpUri.Ipv6.canonical("1:2:3:4:5:6:7")).isNull();
        assertThat(MsrpUri.Ipv6.canonical("1::2::3")).isNull();
    }
}
