/**
 * Thin Netty adapters: {@link org.mediasec.msrp.netty.MsrpFrameDecoder} (stream framing with limits)
 * and {@link org.mediasec.msrp.netty.MsrpMessageEncoder#INSTANCE}. Pipeline (style.md §2.5):
 * {@code SslHandler → IdleStateHandler → MsrpFrameDecoder → MsrpMessageEncoder.INSTANCE → session handler}.
 */
package org.mediasec.msrp.netty;
