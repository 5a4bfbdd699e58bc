/**
 * SIP layer on the JAIN-SIP RI (javax.sip:jain-sip-ri 1.3.0-91).
 *
 * <ul>
 * <li>{@link org.mediasec.sip.SipEndpoint}: one stack, one provider, UDP and/or TCP listening points
 *     on one address and port, and/or TLS on a port of its own, configured by
 *     {@link org.mediasec.sip.SipStackConfig}; requests go to a
 *     {@link org.mediasec.sip.SipEndpointListener} as {@link org.mediasec.sip.IncomingRequest}s.</li>
 * <li>{@link org.mediasec.sip.SipTlsConfig}, {@link org.mediasec.sip.SipTlsTrust}: SIP over TLS with the
 *     JDK provider, a {@link org.mediasec.tls.LocalIdentity}, and peers trusted by pinned certificate
 *     fingerprint or by CA, never all; {@link org.mediasec.sip.SipTransport#forUri} maps a
 *     {@code sips:} URI or {@code ;transport=tls} to TLS.</li>
 * <li>{@link org.mediasec.sip.SipSecurityHeaders}: RFC 3329 Security-Client/-Server/-Verify with the
 *     TS 24.229 {@code mediasec} parameter on JAIN-SIP messages, through
 *     {@link org.mediasec.sip.secagree}.</li>
 * </ul>
 *
 * Threads: the RI delivers listener calls one at a time on its {@code EventScannerThread}; UDP is
 * read by {@code <stackName>-UDPMessageChannelThread-n} workers; TLS connections by the RI's
 * {@code TLSMessageChannelThread}s (daemons). Every endpoint must be stopped.
 */
package org.mediasec.sip;
