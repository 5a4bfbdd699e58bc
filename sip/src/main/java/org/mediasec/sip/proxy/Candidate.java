package org.mediasec.sip.proxy;

import java.util.Optional;

import javax.sip.message.Response;

import org.mediasec.common.Checks;

/**
 * A final outcome of one branch in a {@link ResponseContext}: a received final response (its Via
 * already popped), or a status the proxy stands in for, without a response: 408 for a branch that
 * timed out (RFC 3261 §16.6 step 7, §16.8), 503 for a transport error (§16.9).
 *
 * @param status   the status code, 200..699
 * @param response the received response, if any
 */
public record Candidate(int status, Optional<Response> response) {
    public Candidate {
        Checks.inRange(status, 200, 699, "status");
        response.ifPresent(r -> {
            if (r.getStatusCode() != status) {
                throw new IllegalArgumentException("status: " + status + " but response is " + r.getStatusCode());
            }
        });
    }

    public static Candidate of(Response response) {
        return new Candidate(response.getStatusCode(), Optional.of(response));
    }

    public static Candidate synthetic(int status) {
        return new Candidate(status, Optional.empty());
    }

    public int statusClass() {
        return status / 100;
    }
}
