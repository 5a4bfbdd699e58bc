/**
 * SDP offer/answer (RFC 3264) as pure functions: {@link org.mediasec.sdp.offeranswer.OfferAnswer#answer}
 * builds an answer from local capabilities (rejected streams get port 0, never an exception), and
 * {@link org.mediasec.sdp.offeranswer.SetupNegotiation} applies the RFC 4145 §4.1 {@code a=setup} table
 * and derives who opens the TCP connection and who is the TLS or DTLS client
 * ({@link org.mediasec.sdp.offeranswer.ConnectionRoles}).
 */
package org.mediasec.sdp.offeranswer;
