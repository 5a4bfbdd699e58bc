/**
 * The MSRP session API (RFC 4975 §5-§7): a {@link org.mediasec.msrp.session.MsrpSession} bound to the
 * local and remote {@code a=path}, sending payloads in chunks and reporting what happens to an
 * {@link org.mediasec.msrp.session.MsrpSessionListener}. The state machines live in
 * {@code org.mediasec.msrp.internal}; the Netty/TLS endpoint that opens sessions from SDP is
 * {@link org.mediasec.msrp.netty.MsrpEndpoint}.
 */
package org.mediasec.msrp.session;
