package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sip.message.Response;

import org.junit.jupiter.api.Test;

class BestResponseTest {

    static Response response(int status, String... extra) {
        String[] head = {
            "SIP/2.0 " + status + " Reason",
            "Via: SIP/2.0/UDP 192.0.2.4:5060;branch=z9hG4bKnashds7",
            "To: <sip:bob@example.net>;tag=t" + status,
            "From: <sip:alice@example.net>;tag=f",
            "Call-ID: c1",
            "CSeq: 1 INVITE"};
        String[] all = new String[head.length + extra.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(extra, 0, all, head.length, extra.length);
        return Msgs.response(all);
    }

    static Candidate c(int status, String... extra) {
        return Candidate.of(response(status, extra));
    }

    @Test
    void noFinalResponseGives408() {
        assertThat(BestResponse.choose(List.of()).status()).isEqualTo(408);
    }

    @Test
    void sixHundredClassWins() {
        assertThat(BestResponse.choose(List.of(c(302), c(486), c(603))).status()).isEqualTo(603);
    }

    @Test
    void lowestClassOtherwise() {
        assertThat(BestResponse.choose(List.of(c(486), c(302), c(500))).status()).isEqualTo(302);
    }

    @Test
    void rfc3261Example407AmongFour() {
        // §16.7 step 6: "if a proxy forwarded a request to 4 locations, and received 503, 407, 501, and 404
        // responses, it may choose to forward the 407".
        assertThat(BestResponse.choose(List.of(c(503), c(407), c(501), c(404))).status()).isEqualTo(407);
    }

    @Test
    void lone503Becomes500() {
        Candidate best = BestResponse.choose(List.of(c(503)));
        assertThat(best.status()).isEqualTo(500);
        assertThat(best.response().orElseThrow().getStatusCode()).isEqualTo(500);
        assertThat(BestResponse.choose(List.of(Candidate.synthetic(503))).status()).isEqualTo(500);
    }

    @Test
    void timeoutCountsAs408Candidate() {
        assertThat(BestResponse.choose(List.of(Candidate.synthetic(408), c(486))).status()).isEqualTo(408);
    }

    @Test
    void challengesAreAggregated() {
        Candidate best = BestResponse.choose(List.of(
                c(401, "WWW-Authenticate: Digest realm=\"a\", nonce=\"1\""),
                c(407, "Proxy-Authenticate: Digest realm=\"b\", nonce=\"2\"")));
        assertThat(best.status()).isEqualTo(401);
        String text = best.response().orElseThrow().toString();
        assertThat(text).contains("realm=\"a\"").contains("Proxy-Authenticate").contains("realm=\"b\"");
    }
}
