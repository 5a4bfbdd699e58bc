/**
 * The IMS-ALG media core of the P-CSCF, as pure functions: the per-stream decision
 * ({@link org.mediasec.pcscf.alg.MediaDecider}), the Iq reservation plan, the SDP rewriting of offer and
 * answer and the IMS-AGW Modify/release per stream ({@link org.mediasec.pcscf.alg.ImsAlg}). No SIP, no
 * network, no clock: the SIP layer calls {@code plan}, sends the reservations through its
 * {@code H248MediaGatewayController}, reads the replies into {@link org.mediasec.pcscf.alg.AgwReservation}s,
 * calls {@code forwardOffer}, and on the answer {@code onAnswer}. specs.md §1.4 and docs/iq-profile.md are
 * the rules; each is quoted where it is applied.
 */
package org.mediasec.pcscf.alg;
