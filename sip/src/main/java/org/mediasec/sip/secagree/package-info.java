/**
 * Security agreement headers (RFC 3329 §2.2) with the TS 24.229 §7.2A.7 media-plane mechanisms:
 * model ({@link org.mediasec.sip.secagree.SecMechanism}, {@link org.mediasec.sip.secagree.SecurityHeader}),
 * {@link org.mediasec.sip.secagree.SecurityHeaderParser} (throws for local input, reports for wire
 * input), {@link org.mediasec.sip.secagree.SecurityHeaderWriter} (one canonical form), and
 * {@link org.mediasec.sip.secagree.MediaSecCapabilities} (what one side indicated with
 * {@code ;mediasec}, and the intersection that decides where e2ae applies). Pure Java: no SIP
 * stack types.
 */
package org.mediasec.sip.secagree;
