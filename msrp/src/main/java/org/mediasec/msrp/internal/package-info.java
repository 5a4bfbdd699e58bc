/**
 * MSRP session and transaction state machines (not API): plain Java driven by events on one thread,
 * timers from an injected {@link org.mediasec.common.TimerService}. No Netty here; the
 * {@code .netty} adapters feed messages in and provide a {@link org.mediasec.msrp.internal.MsrpWire}.
 */
package org.mediasec.msrp.internal;
