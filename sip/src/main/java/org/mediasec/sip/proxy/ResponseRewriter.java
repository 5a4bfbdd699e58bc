package org.mediasec.sip.proxy;

import javax.sip.message.Response;

/**
 * Changes a response before a {@link StatefulProxy} relays it upstream (e.g. an IMS-ALG rewriting the
 * SDP of a 183 or 200). Runs on the endpoint's event thread, after our Via was removed, for every
 * provisional and final response received from downstream; not for responses the proxy generates
 * itself (408 without a response, 100 Trying; a 503 turned into 500 is passed in as the 500). Must not block. RFC 3261 §16.7 step 9: "the proxy MAY perform
 * any feature specific manipulations on the selected response"; note that it "MUST NOT add to, modify,
 * or remove the message body" applies to a plain proxy, not to an ALG acting as a B2BUA-like element.
 */
@FunctionalInterface
public interface ResponseRewriter {
    /** Leaves every response as it is. */
    ResponseRewriter NONE = (request, response) -> response;

    /**
     * @param request  the request as the proxy received and preprocessed it
     * @param response a copy of the response, ours to change
     * @return the response to relay (usually {@code response} itself)
     */
    Response rewrite(ProxiedRequest request, Response response);
}
