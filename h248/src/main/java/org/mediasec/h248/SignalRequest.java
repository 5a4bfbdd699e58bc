package org.mediasec.h248;

/** An entry of a Signals descriptor: a {@link Signal} or a {@link SignalList}. */
public sealed interface SignalRequest permits Signal, SignalList {
}
