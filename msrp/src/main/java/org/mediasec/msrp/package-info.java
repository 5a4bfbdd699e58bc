/**
 * MSRP (RFC 4975, relays RFC 4976) message model: {@link org.mediasec.msrp.MsrpMessage} records,
 * typed {@link org.mediasec.msrp.MsrpHeader}s, {@link org.mediasec.msrp.MsrpUri} with RFC 4975 §6.1
 * matching, open enums {@link org.mediasec.msrp.MsrpMethod} and {@link org.mediasec.msrp.MsrpStatus},
 * and chunking helpers. No Netty, no logging. The wire format is in {@code .codec}, the pipeline
 * adapters in {@code .netty}.
 */
package org.mediasec.msrp;
