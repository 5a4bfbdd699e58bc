package org.mediasec.transport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.mediasec.common.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The one event-loop group of a process and the channel classes that go with it: native epoll on
 * Linux when it loads (needed for splice in pass-through), NIO otherwise. Every NF and test takes
 * its event loops from here instead of creating groups ad hoc (DESIGN.md §6: "one event-loop group
 * per process, sized to the cores").
 */
public final class Transports implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    /** Which I/O implementation a {@link Transports} uses. */
    public enum Kind {
        EPOLL, NIO;

        /** EPOLL when the native library loads on this machine, else NIO. */
        public static Kind preferred() {
            return Epoll.isAvailable() ? EPOLL : NIO;
        }
    }

    private final Kind kind;
    private final EventLoopGroup group;

    private Transports(Kind kind, EventLoopGroup group) {
        this.kind = kind;
        this.group = group;
    }

    /** A group of {@code threads} event loops (0 means one per core) named {@code name-N}. */
    public static Transports create(String name, int threads, Kind kind) {
        Checks.notEmpty(name, "name");
        Checks.inRange(threads, 0, 1024, "threads");
        Checks.notNull(kind, "kind");
        if (kind == Kind.EPOLL && !Epoll.isAvailable()) {
            throw new IllegalStateException("native epoll is not available: " + Epoll.unavailabilityCause());
        }
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        IoHandlerFactory io = kind == Kind.EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(n, new DefaultThreadFactory(name, false), io);
        LOG.info("[transport] {} event loops ({}) named {}-*", n, kind.name().toLowerCase(java.util.Locale.ROOT), name);
        return new Transports(kind, group);
    }

    /** The preferred kind, one event loop per core. */
    public static Transports create(String name) {
        return create(name, 0, Kind.preferred());
    }

    public Kind kind() {
        return kind;
    }

    public EventLoopGroup group() {
        return group;
    }

    public Class<? extends ServerChannel> serverSocketChannel() {
        return kind == Kind.EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return kind == Kind.EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return kind == Kind.EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** Shuts the group down: no quiet period, at most {@code timeout} for the loops to finish. */
    public boolean shutdown(Duration timeout) {
        return group.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    /** {@link #shutdown(Duration)} with 5 seconds. */
    @Override
    public void close() {
        if (!shutdown(Duration.ofSeconds(5))) {
            LOG.warn("[transport] event loops did not terminate within 5 s");
        }
    }
}
