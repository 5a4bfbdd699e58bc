package org.mediasec.msrp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.codec.DecodeResult;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.msrp.codec.MsrpLimits;
import org.mediasec.testkit.Corpus;
import org.mediasec.testkit.ManualTimerService;

/** The AUTH exchange of RFC 4976 §5.1/§7 on a manual clock: the §7 flow, renewal, and every failure path. */
class MsrpRelayClientTest {
    static final MsrpUri RELAY = MsrpUri.parse("msrps://alice@intra.example.com;tcp");
    static final MsrpUri ALICE = MsrpUri.parse("msrps://alice.example.com:9892/98cjs;tcp");
    static final MsrpUri USE_PATH = MsrpUri.parse("msrps://intra.example.com:9000/jui787s2f;tcp");
    static final DigestCredentials CREDS = new DigestCredentials("Alice", "secret");
    static final String CHALLENGE = "Digest realm=\"intra.example.com\", qop=\"auth\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"";

    final ManualTimerService timers = new ManualTimerService();
    final List<MsrpRequest> sent = new ArrayList<>();
    final List<RelayBinding> refreshed = new ArrayList<>();
    final List<MsrpRelayException> failed = new ArrayList<>();
    final MsrpRelayClient.Listener listener = new MsrpRelayClient.Listener() {
        @Override
        public void onRefreshed(RelayBinding binding) {
            refreshed.add(binding);
        }

        @Override
        public void onFailed(MsrpRelayException error) {
            failed.add(error);
        }
    };
    MsrpRelayClient client;

    @BeforeEach
    void setUp() {
        client = client(MsrpRelayConfig.of(RELAY, ALICE, CREDS));
    }

    MsrpRelayClient client(MsrpRelayConfig config) {
        return new MsrpRelayClient(config, sent::add, timers, new SplittableRandom(42), listener);
    }

    static MsrpMessage corpus(String name) {
        DecodeResult r = MsrpCodec.decode(Corpus.bytes(MsrpRelayClientTest.class, "corpus/msrp/rfc4976/" + name),
                MsrpLimits.DEFAULT);
        return ((DecodeResult.Ok) r).message();
    }

    static MsrpResponse reply(MsrpRequest to, int code, String comment, MsrpHeader... headers) {
        return new MsrpResponse(to.transactionId(), MsrpStatus.of(code), Optional.of(comment), List.of(to.fromPath().get(0)),
                List.of(to.toPath().get(0)), Arrays.asList(headers));
    }

    static MsrpResponse ok(MsrpRequest to, long expires, MsrpHeader... more) {
        List<MsrpHeader> hs = new ArrayList<>(List.of(new MsrpHeader.UsePath(List.of(USE_PATH)), new MsrpHeader.Expires(expires)));
        hs.addAll(Arrays.asList(more));
        return reply(to, 200, "OK", hs.toArray(MsrpHeader[]::new));
    }

    static MsrpResponse challenge(MsrpRequest to, String value) {
        return reply(to, 401, "Unauthorized", new MsrpHeader.WwwAuthenticate(value));
    }

    MsrpRequest last() {
        return sent.get(sent.size() - 1);
    }

    static Map<String, String> authorization(MsrpRequest r) {
        return AuthParams.parseScheme(r.header(MsrpHeader.Authorization.class).orElseThrow().value(), "Digest");
    }

    static MsrpRelayException failure(CompletableFuture<RelayBinding> f) {
        assertThat(f).isCompletedExceptionally();
        try {
            f.join();
        } catch (CompletionException e) {
            return (MsrpRelayException) e.getCause();
        }
        throw new AssertionError("not failed");
    }

    @Test
    void rfc4976Section7Flow() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        assertThat(client.state()).isEqualTo(MsrpRelayClient.State.AUTHENTICATING);

        // AUTH 1 is the §7 AUTH byte for byte, apart from the random transaction id
        MsrpRequest auth1 = sent.get(0);
        assertThat(auth1.withTransactionId("49fh")).isEqualTo(corpus("5.1-1.msrp"));

        // the §7 401, addressed to our transaction
        MsrpResponse r401 = (MsrpResponse) corpus("5.1-2.msrp");
        assertThat(client.onResponse(new MsrpResponse(auth1.transactionId(), r401.status(), r401.comment(),
                r401.toPath(), r401.fromPath(), r401.headers()))).isTrue();

        // AUTH 2: new transaction id, same paths, and the §7 Authorization parameters
        MsrpRequest auth2 = sent.get(1);
        MsrpRequest rfc = (MsrpRequest) corpus("5.1-3.msrp");
        assertThat(auth2.transactionId()).isNotEqualTo(auth1.transactionId());
        assertThat(auth2.method()).isEqualTo(MsrpMethod.AUTH);
        assertThat(auth2.toPath()).isEqualTo(rfc.toPath());
        assertThat(auth2.fromPath()).isEqualTo(rfc.fromPath());
        Map<String, String> ours = authorization(auth2);
        Map<String, String> theirs = authorization(rfc);
        for (String k : List.of("username", "realm", "nonce", "qop", "nc")) {
            assertThat(ours.get(k)).as(k).isEqualTo(theirs.get(k));
        }
        // the digest-uri is the relay URI (the To-Path of the AUTH)
        assertThat(ours.get("uri")).isEqualTo(RELAY.toString());
        DigestChallenge c = DigestChallenge.parse(CHALLENGE).orElseThrow();
        assertThat(ours.get("response")).isEqualTo(MsrpDigest.response(c, CREDS, "AUTH", RELAY.toString(),
                "00000001", ours.get("cnonce"), "auth"));
        assertThat(ours.get("cnonce")).matches("[0-9a-f]{16}");

        // 200 with Use-Path and Expires
        assertThat(client.onResponse(ok(auth2, 900))).isTrue();
        RelayBinding b = f.join();
        assertThat(b.usePath()).containsExactly(USE_PATH);
        assertThat(b.expires()).contains(Duration.ofSeconds(900));
        assertThat(b.relay()).isEqualTo(RELAY);
        assertThat(b.advertisedPath(ALICE)).containsExactly(USE_PATH, ALICE);
        assertThat(client.state()).isEqualTo(MsrpRelayClient.State.BOUND);
        assertThat(client.binding()).contains(b);
        assertThat(timers.pending()).as("only the renewal timer").isEqualTo(1);
    }

    @Test
    void renewsBeforeExpiryWithTheNextNonceCount() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        client.onResponse(challenge(sent.get(0), CHALLENGE));
        client.onResponse(ok(sent.get(1), 900));
        assertThat(f).isCompleted();

        timers.advance(Duration.ofSeconds(869));
        assertThat(sent).hasSize(2);
        timers.advance(Duration.ofSeconds(1)); // 900 - 30 s margin
        assertThat(sent).hasSize(3);
        MsrpRequest renewal = last();
        assertThat(client.state()).isEqualTo(MsrpRelayClient.State.AUTHENTICATING);
        assertThat(client.binding()).as("kept while renewing").isPresent();
        assertThat(authorization(renewal)).containsEntry("nc", "00000002")
                .containsEntry("nonce", "dcd98b7102dd2f0e8b11d0f600bfb0c093");

        MsrpUri newPath = MsrpUri.parse("msrps://intra.example.com:9000/other;tcp");
        client.onResponse(reply(renewal, 200, "OK", new MsrpHeader.UsePath(List.of(newPath)), new MsrpHeader.Expires(40)));
        assertThat(refreshed).hasSize(1);
        assertThat(refreshed.get(0).usePath()).containsExactly(newPath);
        // short lifetime: renew at half of it
        timers.advance(Duration.ofSeconds(19));
        assertThat(sent).hasSize(3);
        timers.advance(Duration.ofSeconds(1));
        assertThat(sent).hasSize(4);
    }

    @Test
    void withoutExpiresTheBindingIsKeptWithoutRenewal() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        client.onResponse(challenge(last(), CHALLENGE));
        client.onResponse(reply(last(), 200, "OK", new MsrpHeader.UsePath(List.of(USE_PATH))));
        assertThat(f.join().expires()).isEmpty();
        assertThat(timers.pending()).isZero();
        timers.advance(Duration.ofDays(1));
        assertThat(sent).hasSize(2);
        assertThat(client.state()).isEqualTo(MsrpRelayClient.State.BOUND);
    }

    @Test
    void expiresZeroIsRefused() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        client.onResponse(ok(last(), 0));
        assertThat(failure(f).status()).isEqualTo(MsrpStatus.PARAMETER_OUT_OF_BOUNDS);
    }

    @Test
    void renewalAnswersAFreshChallengeAndUsesNextnonce() {
        client.authenticate();
        client.onResponse(challenge(sent.get(0), CHALLENGE));
        client.onResponse(ok(sent.get(1), 100, new MsrpHeader.AuthenticationInfo("nextnonce=\"n2\"")));
        timers.advance(Duration.ofSeconds(70));
        assertThat(authorization(last())).containsEntry("nonce", "n2").containsEntry("nc", "00000001");
        // the relay forgot the nonce: a fresh challenge is answered once more
        client.onResponse(challenge(last(), "Digest realm=\"intra.example.com\", nonce=\"n3\", qop=\"auth\""));
        assertThat(authorization(last())).containsEntry("nonce", "n3");
        client.onResponse(ok(last(), 100));
        assertThat(refreshed).hasSize(1);
        assertThat(failed).isEmpty();
    }

    @Test
    void secondChallengeForTheSameExchangeMeansWrongCredentials() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        client.onResponse(challenge(sent.get(0), CHALLENGE));
        client.onResponse(challenge(sent.get(1), CHALLENGE.replace("dcd98", "aaaaa")));
        MsrpRelayException e = failure(f);
        assertThat(e.status()).isEqualTo(MsrpStatus.UNAUTHORIZED);
        assertThat(e.getMessage()).contains("rejected the credentials");
        assertThat(sent).hasSize(2);
        assertThat(client.state()).isEqualTo(MsrpRelayClient.State.FAILED);
        assertThat(timers.pending()).isZero();
    }

    @Test
    void staleChallengeIsAnsweredButTheLoopIsBounded() {
        MsrpRelayClient c = client(MsrpRelayConfig.of(RELAY, ALICE, CREDS).withMaxRequests(4));
        CompletableFuture<RelayBinding> g = c.authenticate();
        c.onResponse(challenge(last(), CHALLENGE));
        for (int i = 0; i < 5 && !g.isDone(); i++) {
            c.onResponse(challenge(last(), CHALLENGE.replace("dcd98", "s" + i) + ", stale=true"));
        }
        assertThat(sent).hasSize(4);
        assertThat(failure(g).getMessage()).contains("gave up after 4");
    }

    @Test
    void forbiddenIsNotRetried() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        client.onResponse(challenge(sent.get(0), CHALLENGE));
        client.onResponse(reply(sent.get(1), 403, "Action-not-allowed"));
        assertThat(failure(f).status()).isEqualTo(MsrpStatus.ACTION_NOT_ALLOWED);
        assertThat(sent).hasSize(2);
    }

    @Test
    void intervalOutOfBoundsRetriesWithMinExpires() {
        MsrpRelayClient c = client(MsrpRelayConfig.of(RELAY, ALICE, CREDS).withRequestedExpires(Duration.ofSeconds(60)));
        CompletableFuture<RelayBinding> f = c.authenticate();
        assertThat(last().header(MsrpHeader.Expires.class)).contains(new MsrpHeader.Expires(60));
        c.onResponse(challenge(last(), CHALLENGE));
        assertThat(last().header(MsrpHeader.Expires.class)).contains(new MsrpHeader.Expires(60));
        c.onResponse(reply(last(), 423, "Parameter-out-of-bounds", new MsrpHeader.MinExpires(1800)));
        assertThat(sent).hasSize(3);
        assertThat(last().header(MsrpHeader.Expires.class)).contains(new MsrpHeader.Expires(1800));
        assertThat(authorization(last())).containsEntry("nc", "00000002");
        c.onResponse(ok(last(), 1800));
        assertThat(f.join().expires()).contains(Duration.ofSeconds(1800));
    }

    @Test
    void intervalOutOfBoundsHonoursMaxExpires() {
        MsrpRelayClient c = client(MsrpRelayConfig.of(RELAY, ALICE, CREDS).withRequestedExpires(Duration.ofSeconds(86400)));
        c.authenticate();
        c.onResponse(reply(last(), 423, "Parameter-out-of-bounds", new MsrpHeader.MaxExpires(3600)));
        assertThat(last().header(MsrpHeader.Expires.class)).contains(new MsrpHeader.Expires(3600));
    }

    @Test
    void intervalOutOfBoundsWithoutABoundFails() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        client.onResponse(reply(last(), 423, "Interval Out Of Bounds"));
        assertThat(failure(f).status()).isEqualTo(MsrpStatus.PARAMETER_OUT_OF_BOUNDS);
        // and a Min-Expires that does not move the value fails too
        MsrpRelayClient c = client(MsrpRelayConfig.of(RELAY, ALICE, CREDS).withRequestedExpires(Duration.ofSeconds(1800)));
        CompletableFuture<RelayBinding> g = c.authenticate();
        c.onResponse(reply(last(), 423, "Parameter-out-of-bounds", new MsrpHeader.MinExpires(1800)));
        assertThat(failure(g).status()).isEqualTo(MsrpStatus.PARAMETER_OUT_OF_BOUNDS);
    }

    @Test
    void noResponseTimesOutWith408() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        timers.advance(Duration.ofSeconds(29));
        assertThat(f).isNotDone();
        timers.advance(Duration.ofSeconds(1));
        assertThat(failure(f).status()).isEqualTo(MsrpStatus.TIMEOUT);
        // a late answer is not ours any more
        assertThat(client.onResponse(ok(sent.get(0), 900))).isFalse();
    }

    @Test
    void renewalFailureIsReportedToTheListener() {
        client.authenticate();
        client.onResponse(challenge(sent.get(0), CHALLENGE));
        client.onResponse(ok(sent.get(1), 120));
        timers.advance(Duration.ofSeconds(90));
        client.onResponse(reply(last(), 403, "Action-not-allowed"));
        assertThat(failed).singleElement().satisfies(e -> assertThat(e.status()).isEqualTo(MsrpStatus.ACTION_NOT_ALLOWED));
        assertThat(client.binding()).isEmpty();
    }

    @Test
    void unusable200sFail() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        client.onResponse(reply(last(), 200, "OK", new MsrpHeader.Expires(900)));
        assertThat(failure(f).getMessage()).contains("without Use-Path");

        MsrpRelayClient c = client(MsrpRelayConfig.of(RELAY, ALICE, CREDS));
        CompletableFuture<RelayBinding> g = c.authenticate();
        c.onResponse(challenge(last(), CHALLENGE));
        c.onResponse(ok(last(), 900, new MsrpHeader.AuthenticationInfo("rspauth=\"00000000000000000000000000000000\"")));
        assertThat(failure(g).getMessage()).contains("rspauth");
    }

    @Test
    void matchingRspauthIsAccepted() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        client.onResponse(challenge(last(), CHALLENGE));
        Map<String, String> a = authorization(last());
        String rspauth = MsrpDigest.responseAuth(DigestChallenge.parse(CHALLENGE).orElseThrow(), CREDS, RELAY.toString(),
                a.get("nc"), a.get("cnonce"));
        client.onResponse(ok(last(), 900, new MsrpHeader.AuthenticationInfo("qop=auth, rspauth=\"" + rspauth + "\", cnonce=\""
                + a.get("cnonce") + "\", nc=" + a.get("nc"))));
        assertThat(f.join().usePath()).containsExactly(USE_PATH);
    }

    @Test
    void unusableChallengesFail() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        client.onResponse(reply(last(), 401, "Unauthorized"));
        assertThat(failure(f).getMessage()).contains("without a Digest challenge");

        MsrpRelayClient c = client(MsrpRelayConfig.of(RELAY, ALICE, CREDS));
        CompletableFuture<RelayBinding> g = c.authenticate();
        c.onResponse(challenge(last(), "Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\""));
        assertThat(failure(g).getMessage()).contains("cannot answer");
    }

    @Test
    void otherTransactionsAndMalformedResponsesAreSortedOut() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        MsrpRequest auth = last();
        assertThat(client.onResponse(ok(auth.withTransactionId("someoneElse"), 900))).isFalse();
        assertThat(client.onMalformedResponse("someoneElse", Optional.of(MsrpStatus.OK), "x")).isFalse();
        assertThat(f).isNotDone();
        // what Kamailio 5.6.3 does with 423: the start line is readable, the rest is not
        assertThat(client.onMalformedResponse(auth.transactionId(), Optional.of(MsrpStatus.PARAMETER_OUT_OF_BOUNDS),
                "bad header")).isTrue();
        assertThat(failure(f).status()).isEqualTo(MsrpStatus.PARAMETER_OUT_OF_BOUNDS);
    }

    @Test
    void closeFailsTheOutstandingExchangeAndStopsTimers() {
        CompletableFuture<RelayBinding> f = client.authenticate();
        client.close();
        assertThat(failure(f).getMessage()).contains("closed");
        assertThat(timers.pending()).isZero();
        assertThat(client.state()).isEqualTo(MsrpRelayClient.State.CLOSED);
        client.close();
    }

    @Test
    void relayMustBeReachedOverTls() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MsrpRelayConfig.of(
                MsrpUri.parse("msrp://relay.example.net:2855;tcp"), ALICE, CREDS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("msrps");
    }

    @Test
    void authenticateTwiceIsAProgrammingError() {
        client.authenticate();
        org.assertj.core.api.Assertions.assertThatThrownBy(client::authenticate).isInstanceOf(IllegalStateException.class);
    }
}
