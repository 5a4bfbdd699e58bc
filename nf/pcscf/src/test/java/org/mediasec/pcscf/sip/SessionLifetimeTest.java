package org.mediasec.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sip.message.Response;

import org.junit.jupiter.api.Test;
import org.mediasec.pcscf.alg.CallDirection;
import org.mediasec.testkit.ManualTimerService;

import gov.nist.javax.sip.message.MessageFactoryImpl;

/** The bounds on a session's life on a manual clock: max duration, RFC 4028 session interval, refresh, release. */
class SessionLifetimeTest {
    final ManualTimerService clock = new ManualTimerService();
    final List<String> expired = new ArrayList<>();
    final SessionLifetime lifetime = new SessionLifetime(clock, Duration.ofHours(1), (s, why) -> expired.add(s.callId + ": " + why));
    final MediaSession session = new MediaSession("c1", CallDirection.ORIGINATING, null, "sip:alice@127.0.0.1");

    static Response ok(String... extra) {
        StringBuilder sb = new StringBuilder("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:alice@lab>;tag=a\r\nTo: <sip:bob@lab>;tag=b\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n");
        for (String h : extra) {
            sb.append(h).append("\r\n");
        }
        try {
            return new MessageFactoryImpl().createResponse(sb.append("Content-Length: 0\r\n\r\n").toString());
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void withoutASessionTimerTheMaxDurationEndsTheSession() {
        lifetime.answered(session, ok());
        clock.advance(Duration.ofMinutes(59));
        assertThat(expired).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(expired).containsExactly("c1: longer than limits.max-session-duration (PT1H)");
    }

    @Test
    void aSessionIntervalWithoutRefreshEndsTheSessionAtItsExpiration() {
        lifetime.answered(session, ok("Session-Expires: 90;refresher=uac"));
        clock.advance(Duration.ofSeconds(89));
        assertThat(expired).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(expired).containsExactly("c1: no session refresh within the session interval of 90 s (RFC 4028)");
    }

    @Test
    void aRefreshRearmsTheExpirationAndOneWithoutSessionExpiresTurnsItOff() {
        lifetime.answered(session, ok("Session-Expires: 90;refresher=uas"));
        clock.advance(Duration.ofSeconds(60));
        // §8.2: "This session expiration MUST update any existing session expiration for the session."
        lifetime.answered(session, ok("x: 120"));
        clock.advance(Duration.ofSeconds(119));
        assertThat(expired).isEmpty();
        lifetime.answered(session, ok());
        clock.advance(Duration.ofMinutes(10));
        assertThat(expired).isEmpty();
        // the max duration still counts from the first 2xx
        clock.advance(Duration.ofMinutes(50));
        assertThat(expired).containsExactly("c1: longer than limits.max-session-duration (PT1H)");
    }

    @Test
    void aReleasedSessionCancelsItsTimers() {
        lifetime.answered(session, ok("Session-Expires: 90"));
        session.release();
        clock.advance(Duration.ofHours(2));
        assertThat(expired).isEmpty();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void sessionExpiresIsReadFromEitherForm() {
        assertThat(SessionLifetime.sessionExpires(ok("Session-Expires: 1800;refresher=uac"))).contains(Duration.ofSeconds(1800));
        assertThat(SessionLifetime.sessionExpires(ok("x: 300"))).contains(Duration.ofSeconds(300));
        assertThat(SessionLifetime.sessionExpires(ok())).isEmpty();
    }
}
