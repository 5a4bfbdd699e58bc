package org.mediasec.sip.proxy;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import javax.sip.message.Response;

/**
 * Changes a response before a {@link StatefulProxy} relays it upstream, and may take its time: the
 * proxy holds the response (and every later one of the same response context, to keep their order)
 * until the returned stage completes, then relays what it completed with. An IMS-ALG uses it to
 * configure its media gateway with the SDP answer before the answer goes on.
 *
 * <p>Called once per distinct response: a retransmitted 2xx to an INVITE (same To tag) is not passed
 * in again; while its first copy is held the retransmission is dropped (the UAS keeps retransmitting
 * until the ACK, RFC 3261 §13.3.1.4), afterwards the rewritten copy is sent again. A stage that fails
 * is logged and the response relayed unchanged, as a failing {@link ResponseRewriter} is: a rewriter
 * that must not let a response through unchanged completes with a response of its own instead.
 */
public interface AsyncResponseRewriter {

    /**
     * @param request  the request as the proxy received and preprocessed it
     * @param response a copy of the response, ours to change
     * @return the response to relay (null: {@code response} unchanged)
     */
    CompletionStage<Response> rewrite(ProxiedRequest request, Response response);

    /**
     * The proxy answered the request itself with {@code status} (408 after a timeout or timer C, 503 when
     * the request could not be sent): no response from downstream will end this transaction. Runs in
     * order with the relayed responses. The default does nothing.
     */
    default void onLocalFinal(ProxiedRequest request, int status) {
    }

    /** A synchronous rewriter as an asynchronous one that completes at once. */
    static AsyncResponseRewriter of(ResponseRewriter rewriter) {
        Objects.requireNonNull(rewriter, "rewriter");
        return (request, response) -> CompletableFuture.completedFuture(rewriter.rewrite(request, response));
    }
}
