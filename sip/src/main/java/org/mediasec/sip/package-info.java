/**
 * SIP layer on the JAIN-SIP RI (javax.sip:jain-sip-ri 1.3.0-91).
 *
 * <ul>
 * <li>{@link org.mediasec.sip.SipEndpoint}: one stack, one provider, UDP and/or TCP listening points
 *     on one address and port, configured by {@link org.mediasec.sip.SipStackConfig}; requests go to
 *     a {@link org.mediasec.sip.SipEndpointListener} as {@link org.mediasec.sip.IncomingRequest}s.</li>
 * <li>{@link org.mediasec.sip.SipSecurityHeaders}: RFC 3329 Security-Client/-Server/-Verify with the
 *     TS 24.229 {@code mediasec} parameter on JAIN-SIP messages, through
 *     {@link org.mediasec.sip.secagree}.</li>
 * </ul>
 *
 * Threads: the RI delivers listener calls one at a time on its {@code EventScannerThread}; UDP is
 * read by {@code <stackName>-UDPMessageChannelThread-n} workers. Every endpoint must be stopped.
 */
package org.mediasec.sip;
