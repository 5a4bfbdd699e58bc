/**
 * The pure MSRP codec: one frame ↔ one message ({@link org.mediasec.msrp.codec.MsrpCodec}). Uses only
 * netty-buffer; no channel, no logging, no clock; never throws on wire input.
 */
package org.mediasec.msrp.codec;
