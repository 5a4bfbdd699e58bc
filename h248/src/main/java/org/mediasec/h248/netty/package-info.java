/**
 * Netty adapters for H.248 (style §2.5), on the event loops of {@code mediasec-transport}:
 * <ul>
 *   <li>UDP (H.248.1 Annex D.1): {@link org.mediasec.h248.netty.H248DatagramCodec} →
 *       receiver, in {@link org.mediasec.h248.netty.H248UdpTransport}; one message per datagram.</li>
 *   <li>TCP (Annex D.2): {@code TpktFrameDecoder} → {@link org.mediasec.h248.netty.H248StreamCodec} →
 *       receiver, {@code TpktFrameEncoder} outbound, in {@link org.mediasec.h248.netty.H248TcpTransport};
 *       one connection per peer, opened on demand.</li>
 * </ul>
 * Both implement {@link org.mediasec.h248.transaction.H248Transport}; an SCTP transport (Annex D.3)
 * would be a third implementation behind the same interface. Default ports:
 * {@link org.mediasec.h248.netty.H248TransportConfig#DEFAULT_MGC_PORT} (2944) and
 * {@link org.mediasec.h248.netty.H248TransportConfig#DEFAULT_MG_PORT} (2945); all configurable.
 * Codecs never throw on wire input: what does not decode goes up as {@code DecodeResult.Malformed}.
 */
package org.mediasec.h248.netty;
