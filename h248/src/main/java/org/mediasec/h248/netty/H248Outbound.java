package org.mediasec.h248.netty;

import java.net.InetSocketAddress;
import java.util.Objects;

import org.mediasec.h248.H248Message;

/** A message to send and its recipient (the recipient matters on datagram channels only). */
public record H248Outbound(InetSocketAddress recipient, H248Message message) {
    public H248Outbound {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
    }
}
