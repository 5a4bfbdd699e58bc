/**
 * Client side of MSRP relays (RFC 4976): digest authentication of AUTH
 * ({@link org.mediasec.msrp.relay.DigestChallenge}, {@link org.mediasec.msrp.relay.MsrpDigest},
 * {@link org.mediasec.msrp.relay.DigestAuthenticationInfo}), the AUTH exchange and its renewal
 * ({@link org.mediasec.msrp.relay.MsrpRelayClient}, transport-neutral, on an injected clock), its
 * Netty adapter ({@link org.mediasec.msrp.relay.MsrpRelayClientHandler}), and To-Path / a=path
 * arithmetic for sending through the relay ({@link org.mediasec.msrp.relay.RelayPaths}).
 */
package org.mediasec.msrp.relay;
