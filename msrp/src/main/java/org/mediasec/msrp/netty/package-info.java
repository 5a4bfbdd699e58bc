/**
 * Thin Netty adapters: {@link org.mediasec.msrp.netty.MsrpFrameDecoder} (stream framing with limits)
 * and {@link org.mediasec.msrp.netty.MsrpMessageEncoder#INSTANCE}. Pipeline (style.md §2.5):
 * {@code SslHandler → IdleStateHandler → MsrpFrameDecoder → MsrpMessageEncoder.INSTANCE → session handler}.
 * {@link org.mediasec.msrp.netty.MsrpEndpoint} builds that pipeline (without the idle handler for now)
 * for MSRP sessions over TCP and TLS.
 */
package org.mediasec.msrp.netty;
