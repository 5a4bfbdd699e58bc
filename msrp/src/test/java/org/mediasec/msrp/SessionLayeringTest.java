package org.mediasec.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The session layer's packages (style.md §2.2): API and state machines free of Netty; transfer too. */
class SessionLayeringTest {
    @Test
    void sessionApiAndStateMachinesDoNotUseNetty() throws IOException {
        for (String pkg : new String[] {"session", "internal", "transfer"}) {
            assertThat(LayeringTest.imports(pkg)).as(pkg).isNotEmpty().noneMatch(l -> l.contains("io.netty"));
        }
    }

    @Test
    void sessionApiDoesNotDependOnInternals() throws IOException {
        assertThat(LayeringTest.imports("session")).noneMatch(l -> l.contains(".internal.") || l.contains(".netty."));
    }
}
