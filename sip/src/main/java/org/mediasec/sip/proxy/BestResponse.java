package org.mediasec.sip.proxy;

import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;

import javax.sip.SipException;
import javax.sip.header.Header;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Response;

/** Choosing the best final response of a response context (RFC 3261 §16.7 steps 6 and 7). */
public final class BestResponse {
    /** RFC 3261 §16.7 step 6: "responses that provide information affecting resubmission of this request". */
    private static final List<Integer> PREFERRED_4XX = List.of(401, 407, 415, 420, 484);

    private BestResponse() {
    }

    /**
     * The response to send upstream. RFC 3261 §16.7 step 6: "If there are no final responses in the
     * context, the proxy MUST send a 408 (Request Timeout) response to the server transaction. ... It
     * MUST choose from the 6xx class responses if any exist in the context. If no 6xx class responses
     * are present, the proxy SHOULD choose from the lowest response class stored in the response
     * context. ... The proxy SHOULD give preference to responses that provide information affecting
     * resubmission of this request, such as 401, 407, 415, 420, and 484 if the 4xx class is chosen."
     * A chosen 503 becomes 500 ("If the only response that was received is a 503, the proxy SHOULD
     * generate a 500 response"; a proxy "SHOULD NOT forward it upstream"). A chosen 401 or 407
     * carries the challenges of every other 401 and 407 (step 7: "the proxy MUST collect any
     * WWW-Authenticate and Proxy-Authenticate header field values from all other 401 (Unauthorized)
     * and 407 (Proxy Authentication Required) responses received so far in this response context and
     * add them to this response without modification before forwarding").
     */
    public static Candidate choose(List<Candidate> finals) {
        if (finals.isEmpty()) {
            return Candidate.synthetic(408);
        }
        Candidate chosen = finals.stream().filter(c -> c.statusClass() == 6).findFirst().orElse(null);
        if (chosen == null) {
            int lowest = finals.stream().mapToInt(Candidate::statusClass).min().orElseThrow();
            List<Candidate> inClass = finals.stream().filter(c -> c.statusClass() == lowest).toList();
            chosen = inClass.get(0);
            if (lowest == 4) {
                for (int preferred : PREFERRED_4XX) {
                    Optional<Candidate> p = inClass.stream().filter(c -> c.status() == preferred).findFirst();
                    if (p.isPresent()) {
                        chosen = p.get();
                        break;
                    }
                }
            }
        }
        if (chosen.status() == 503) {
            return asServerError(chosen);
        }
        if (chosen.status() == 401 || chosen.status() == 407) {
            return withAllChallenges(chosen, finals);
        }
        return chosen;
    }

    private static Candidate asServerError(Candidate c) {
        if (c.response().isEmpty()) {
            return Candidate.synthetic(500);
        }
        Response r = (Response) c.response().get().clone();
        try {
            r.setStatusCode(500);
            r.setReasonPhrase("Server Internal Error");
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return Candidate.of(r);
    }

    private static Candidate withAllChallenges(Candidate chosen, List<Candidate> finals) {
        if (chosen.response().isEmpty()) {
            return chosen;
        }
        Response r = (Response) chosen.response().get().clone();
        for (Candidate other : finals) {
            if (other == chosen || other.response().isEmpty() || (other.status() != 401 && other.status() != 407)) {
                continue;
            }
            copyAll(other.response().get(), r, WWWAuthenticateHeader.NAME);
            copyAll(other.response().get(), r, ProxyAuthenticateHeader.NAME);
        }
        return Candidate.of(r);
    }

    private static void copyAll(Response from, Response to, String name) {
        ListIterator<?> it = from.getHeaders(name);
        while (it != null && it.hasNext()) {
            try {
                to.addLast((Header) ((Header) it.next()).clone());
            } catch (SipException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
