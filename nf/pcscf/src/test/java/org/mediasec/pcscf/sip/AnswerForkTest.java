package org.mediasec.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which answers to one anchored offer reach the IMS-AGW when a proxy behind the P-CSCF forks. */
class AnswerForkTest {
    static final String A = "v=0 answer of callee A";
    static final String B = "v=0 answer of callee B";

    @Test
    void theFirstAnswerIsApplied() {
        assertThat(AnswerFork.of(null, false, null, "a", 183, A)).isEqualTo(AnswerFork.APPLY);
        assertThat(AnswerFork.of(null, false, null, "a", 200, A)).isEqualTo(AnswerFork.APPLY);
    }

    @Test
    void theSameAnswerFromTheSameCalleeIsNotAppliedTwice() {
        assertThat(AnswerFork.of("a", false, A, "a", 200, A)).isEqualTo(AnswerFork.REPEAT);
        // a changed answer from the same callee is applied
        assertThat(AnswerFork.of("a", false, A, "a", 200, A + " changed")).isEqualTo(AnswerFork.APPLY);
    }

    @Test
    void aSecond2xxFromAnotherCalleeIsRefusedAndTheReservationKept() {
        assertThat(AnswerFork.of("a", true, A, "b", 200, B)).isEqualTo(AnswerFork.REFUSE);
        // even with the very same SDP text: the AGW's remote end is callee A's
        assertThat(AnswerFork.of("a", true, A, "b", 200, A)).isEqualTo(AnswerFork.REFUSE);
    }

    @Test
    void a2xxFromAnotherCalleeSupersedesAnEarlyAnswer() {
        assertThat(AnswerFork.of("a", false, A, "b", 200, B)).isEqualTo(AnswerFork.APPLY);
        // but a second early answer does not move the media of the first
        assertThat(AnswerFork.of("a", false, A, "b", 183, B)).isEqualTo(AnswerFork.REFUSE);
    }
}
