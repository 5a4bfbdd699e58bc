package org.mediasec.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class UeScenarioTest {
    @Test
    void parsesStepsCommentsAndBlankLines() {
        UeScenario s = UeScenario.parse("""
                # alice's side
                register

                call bob e2e   # end to end
                say hello   bob, how are you?
                send-file /tmp/a file.bin
                wait-text
                hangup
                """);
        assertThat(s.steps()).extracting(UeScenario.Step::verb).containsExactly(UeScenario.Verb.REGISTER,
                UeScenario.Verb.CALL, UeScenario.Verb.SAY, UeScenario.Verb.SEND_FILE, UeScenario.Verb.WAIT_TEXT,
                UeScenario.Verb.HANGUP);
        assertThat(s.steps().get(1).args()).isEqualTo(List.of("bob", "e2e"));
        assertThat(s.steps().get(1).line()).isEqualTo(4);
        assertThat(s.steps().get(2).rest()).isEqualTo("hello   bob, how are you?");
        assertThat(s.steps().get(3).rest()).isEqualTo("/tmp/a file.bin");
    }

    @Test
    void errorsNameTheLine() {
        assertThatThrownBy(() -> UeScenario.parse("register\ndial bob\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2: unknown step \"dial\" (known: register, call, wait-call, say,");
        assertThatThrownBy(() -> UeScenario.parse("call bob e2x")).hasMessage("security mode: \"e2x\" (expected: e2ae or e2e)");
        assertThatThrownBy(() -> UeScenario.parse("\nsay")).hasMessage("line 2: say takes at least 1 argument(s), got 0");
        assertThatThrownBy(() -> UeScenario.parse("hangup now")).hasMessage("line 1: hangup takes 0 argument(s), got 1");
    }
}
