package org.mediasec.h248.netty;

import org.mediasec.h248.transaction.H248TransportFactory;
import org.mediasec.transport.Transports;

import io.netty.channel.EventLoop;

/** {@link H248TransportFactory}s on Netty for each {@link H248TransportConfig.Kind}. */
public final class H248NettyTransports {
    private H248NettyTransports() {
    }

    /**
     * A factory for {@code config}. UDP binds {@code config.bind()}; TCP listens there when
     * {@code listen} (an MGC) and otherwise only connects out (an MG).
     */
    public static H248TransportFactory factory(Transports transports, EventLoop loop, H248TransportConfig config,
                                               boolean listen) {
        return receiver -> switch (config.kind()) {
            case UDP -> H248UdpTransport.bind(transports, loop, config, receiver);
            case TCP -> listen ? H248TcpTransport.listen(transports, loop, config, receiver)
                    : H248TcpTransport.client(transports, loop, config, receiver);
        };
    }
}
