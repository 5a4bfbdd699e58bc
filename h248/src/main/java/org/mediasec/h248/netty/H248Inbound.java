package org.mediasec.h248.netty;

import java.net.InetSocketAddress;
import java.util.Objects;

import org.mediasec.h248.text.DecodeResult;

/** A received message (or what the decoder made of it) and who sent it. */
public record H248Inbound(InetSocketAddress sender, DecodeResult result) {
    public H248Inbound {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(result, "result");
    }
}
