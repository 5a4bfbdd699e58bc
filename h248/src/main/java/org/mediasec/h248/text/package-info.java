/**
 * H.248.1 Annex B text encoding (RFC 3525 Annex B; versions 1 to 3): a pure, stateless codec.
 *
 * <ul>
 *   <li>{@link org.mediasec.h248.text.H248TextCodec#decode(byte[])} &rarr;
 *       {@link org.mediasec.h248.text.DecodeResult}: {@code Ok(message)} or
 *       {@code Malformed(reason, position, errorCode, recovered)}; never throws on wire input.
 *       One tokenizer ({@code TextLexer}) and one recursive-descent parser ({@code TextParser},
 *       {@code DescriptorParser}) for all versions, long and short tokens in any case, LWSP and
 *       {@code ;} comments anywhere; limits from {@link org.mediasec.h248.text.H248CodecConfig}.</li>
 *   <li>{@link org.mediasec.h248.text.H248TextCodec#encode} with
 *       {@link org.mediasec.h248.text.Style#PRETTY} (long tokens, tab indentation, as Erlang megaco's
 *       pretty encoder) or {@link org.mediasec.h248.text.Style#COMPACT} (short tokens, no optional
 *       white space). {@code decode(encode(m, style))} equals {@code m} for every message the model
 *       lets you build.</li>
 *   <li>{@link org.mediasec.h248.text.H248MiniDecoder}: version, mId and transaction id of a message
 *       that does not parse, and {@code errorReply(...)} to answer it (H.248.8 400/403/406).</li>
 * </ul>
 *
 * <p>Checked against Erlang/OTP megaco 4.4.2 (both text codecs, versions 1 and 3) and Wireshark's
 * MEGACO dissector in {@code interop-tests}.
 */
package org.mediasec.h248.text;
