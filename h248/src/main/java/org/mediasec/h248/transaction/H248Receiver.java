package org.mediasec.h248.transaction;

import java.net.InetSocketAddress;

import org.mediasec.h248.text.DecodeResult;

/** What a transport delivers upward: decoded (or malformed) messages and lost connections. */
public interface H248Receiver {

    /** One message from {@code peer}, decoded or not; called on the transport's event loop. */
    void received(InetSocketAddress peer, DecodeResult result);

    /** A connection to {@code peer} closed (connection-oriented transports only). */
    default void disconnected(InetSocketAddress peer) {
    }
}
