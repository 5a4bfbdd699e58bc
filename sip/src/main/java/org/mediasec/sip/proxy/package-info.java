/**
 * What a transaction-stateful SIP proxy needs on top of JAIN-SIP, after RFC 3261 §16 and RFC 3327.
 *
 * <p>One small class per behaviour, each usable on its own on JAIN-SIP messages:
 * <ul>
 * <li>{@link org.mediasec.sip.proxy.ProxyIdentity}: which URIs name this proxy, and its Record-Route / Path URI.</li>
 * <li>{@link org.mediasec.sip.proxy.MaxForwards}: the §16.3 check (483) and the §16.6 step 3 decrement.</li>
 * <li>{@link org.mediasec.sip.proxy.RoutePreprocessing}: §16.4 (strict-route fix-up, removing our own Route).</li>
 * <li>{@link org.mediasec.sip.proxy.RecordRoute}: §16.6 step 4.</li>
 * <li>{@link org.mediasec.sip.proxy.RoutePostprocessing}: §16.6 step 6 (preloaded route, strict next hop).</li>
 * <li>{@link org.mediasec.sip.proxy.NextHop}: §16.6 step 7, the way the RI's default router picks the hop.</li>
 * <li>{@link org.mediasec.sip.proxy.ViaBranch}: §16.6 step 8 (Via push with a fresh {@code z9hG4bK} branch).</li>
 * <li>{@link org.mediasec.sip.proxy.RequestForwarding}: steps 1 to 8 of §16.6 together, giving the request to send.</li>
 * <li>{@link org.mediasec.sip.proxy.ResponseVia}: §16.7 step 3 (pop our Via).</li>
 * <li>{@link org.mediasec.sip.proxy.ResponseContext} and {@link org.mediasec.sip.proxy.BestResponse}:
 *     §16.7 steps 4 to 6 and 10 (what to forward when, the best final response, what to cancel).</li>
 * <li>{@link org.mediasec.sip.proxy.PathHeaders}: RFC 3327 Path (read the path vector, insert a value, option tag).</li>
 * <li>{@link org.mediasec.sip.proxy.ServiceRouteHeaders}: RFC 3608 Service-Route (read the route set, add a value).</li>
 * <li>{@link org.mediasec.sip.proxy.StatefulProxy}: the glue over a {@link org.mediasec.sip.SipEndpoint} (timer C when given a TimerService):
 *     server and client transactions, response relaying, CANCEL (§16.10), stateless ACK and late 2xx.</li>
 * </ul>
 * Not implemented: forking to several targets in parallel from {@code StatefulProxy} (the response
 * context supports several branches; the glue forwards to one), loop detection
 * (§16.3 step 4), maddr handling (§16.4), TLS/SIPS rules, Record-Route rewriting in responses (§16.7 step 8).
 */
package org.mediasec.sip.proxy;
