package org.mediasec.sip.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mediasec.sip.proxy.BestResponseTest.response;

import org.junit.jupiter.api.Test;

class ResponseContextTest {

    @Test
    void hundredIsAbsorbedOtherProvisionalsForwarded() {
        ResponseContext<String> ctx = new ResponseContext<>(true);
        ctx.addBranch("a");
        assertThat(ctx.onResponse("a", response(100)).provisional()).isEmpty();
        assertThat(ctx.onResponse("a", response(180)).provisional()).extracting(r -> r.getStatusCode()).containsExactly(180);
    }

    @Test
    void twoHundredIsForwardedAtOnceAndPendingBranchesCancelled() {
        ResponseContext<String> ctx = new ResponseContext<>(true);
        ctx.addBranch("a");
        ctx.addBranch("b");
        ctx.onResponse("b", response(180));
        var d = ctx.onResponse("a", response(200));
        assertThat(d.finalResponse()).map(Candidate::status).contains(200);
        assertThat(d.cancel()).containsExactly("b");
        // a later 2xx on another branch of an INVITE is still forwarded; provisionals no longer are
        assertThat(ctx.onResponse("b", response(183)).provisional()).isEmpty();
        assertThat(ctx.onResponse("b", response(200)).finalResponse()).map(Candidate::status).contains(200);
    }

    @Test
    void nonInviteForwardsExactlyOneFinal() {
        ResponseContext<String> ctx = new ResponseContext<>(false);
        ctx.addBranch("a");
        ctx.addBranch("b");
        assertThat(ctx.onResponse("a", response(200)).finalResponse()).isPresent();
        assertThat(ctx.onResponse("b", response(200)).finalResponse()).isEmpty();
        assertThat(ctx.cancelAll()).isEmpty();
    }

    @Test
    void errorsWaitForAllBranchesThenTheBestGoes() {
        ResponseContext<String> ctx = new ResponseContext<>(true);
        ctx.addBranch("a");
        ctx.addBranch("b");
        assertThat(ctx.onResponse("a", response(486)).finalResponse()).isEmpty();
        assertThat(ctx.finalSent()).isFalse();
        assertThat(ctx.onResponse("b", response(404)).finalResponse()).map(Candidate::status).contains(486);
        assertThat(ctx.finalSent()).isTrue();
        assertThat(ctx.allCompleted()).isTrue();
    }

    @Test
    void sixHundredCancelsOthersAndStopsNewBranches() {
        ResponseContext<String> ctx = new ResponseContext<>(true);
        ctx.addBranch("a");
        ctx.addBranch("b");
        ctx.onResponse("b", response(180));
        var d = ctx.onResponse("a", response(603));
        assertThat(d.cancel()).containsExactly("b");
        assertThat(d.finalResponse()).isEmpty();
        assertThatThrownBy(() -> ctx.addBranch("c")).isInstanceOf(IllegalStateException.class);
        assertThat(ctx.onResponse("b", response(487)).finalResponse()).map(Candidate::status).contains(603);
    }

    @Test
    void cancelWaitsForAProvisionalResponse() {
        ResponseContext<String> ctx = new ResponseContext<>(true);
        ctx.addBranch("a");
        assertThat(ctx.cancelAll()).as("RFC 3261 §9.1: no CANCEL before a provisional").isEmpty();
        assertThat(ctx.onResponse("a", response(100)).cancel()).containsExactly("a");
        assertThat(ctx.onResponse("a", response(180)).cancel()).as("only once").isEmpty();
        assertThat(ctx.onResponse("a", response(487)).finalResponse()).map(Candidate::status).contains(487);
    }

    @Test
    void timeoutIs408AndTransportErrorIs500() {
        ResponseContext<String> timedOut = new ResponseContext<>(false);
        timedOut.addBranch("a");
        var d = timedOut.onTimeout("a");
        assertThat(d.finalResponse()).map(Candidate::status).contains(408);
        assertThat(d.finalResponse().orElseThrow().response()).isEmpty();

        ResponseContext<String> unreachable = new ResponseContext<>(false);
        unreachable.addBranch("a");
        assertThat(unreachable.onTransportError("a").finalResponse()).map(Candidate::status).contains(500);
    }

    @Test
    void unknownBranchIsRejected() {
        ResponseContext<String> ctx = new ResponseContext<>(false);
        assertThatThrownBy(() -> ctx.onResponse("x", response(200))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timerCCancelsARingingBranchAndTimesOutASilentOne() {
        ResponseContext<String> ctx = new ResponseContext<>(true);
        ctx.addBranch("ringing");
        ctx.addBranch("silent");
        ctx.onResponse("ringing", response(180));
        assertThat(ctx.onTimerC("ringing").cancel()).containsExactly("ringing");
        assertThat(ctx.onTimerC("ringing").cancel()).as("one CANCEL only").isEmpty();
        assertThat(ctx.onTimerC("silent").finalResponse()).isEmpty();
        assertThat(ctx.completed("silent")).isTrue();
        assertThat(ctx.onResponse("ringing", response(487)).finalResponse()).map(Candidate::status).contains(408);
    }
}
