package org.mediasec.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mediasec.common.TimerService;

class ManualTimerServiceTest {
    @Test
    void runsDueTasksInOrderAndHonoursCancel() {
        ManualTimerService timers = new ManualTimerService();
        List<String> ran = new ArrayList<>();
        timers.schedule(Duration.ofSeconds(2), () -> ran.add("b@" + timers.nanoTime()));
        timers.schedule(Duration.ofSeconds(1), () -> ran.add("a@" + timers.nanoTime()));
        TimerService.Timeout c = timers.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled"));
        timers.schedule(Duration.ofSeconds(5), () -> ran.add("late"));
        assertThat(c.cancel()).isTrue();
        assertThat(c.cancel()).isFalse();

        timers.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("a@1000000000", "b@2000000000");
        assertThat(timers.pending()).isEqualTo(1);
        assertThat(timers.nanoTime()).isEqualTo(2_000_000_000L);
    }

    @Test
    void taskScheduledByATaskRunsInTheSameAdvanceWhenDue() {
        ManualTimerService timers = new ManualTimerService();
        List<Long> ran = new ArrayList<>();
        timers.schedule(Duration.ofMillis(100), () -> timers.schedule(Duration.ofMillis(100), () -> ran.add(timers.nanoTime())));
        timers.advance(Duration.ofMillis(250));
        assertThat(ran).containsExactly(200_000_000L);
    }
}
