package org.mediasec.msrp.relay;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import org.mediasec.common.TimerService;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.codec.RecoveredHeader;
import org.mediasec.msrp.netty.MsrpFrameDecoder;
import org.mediasec.msrp.netty.MsrpFrameError;

/**
 * Runs an {@link MsrpRelayClient} on an established MSRP connection: sits right after the
 * {@link MsrpFrameDecoder}, takes the responses (and malformed responses) to its own AUTHs out of
 * the inbound stream, passes everything else on, writes AUTHs through the whole pipeline
 * ({@code channel.writeAndFlush}, so the MSRP encoder must be in the pipeline), and closes the
 * client when the connection goes away. The {@link TimerService} must run its tasks on the
 * channel's event loop (e.g. {@code org.mediasec.transport.EventLoopTimers}).
 */
public final class MsrpRelayClientHandler extends ChannelInboundHandlerAdapter {
    /** The handler's name in the pipeline. */
    public static final String NAME = "msrp-relay-client";

    private final Channel channel;
    private final MsrpRelayClient client;

    private MsrpRelayClientHandler(Channel channel, MsrpRelayClient client) {
        this.channel = channel;
        this.client = client;
    }

    /** Adds a relay client to {@code channel}'s pipeline, after its {@link MsrpFrameDecoder}. */
    public static MsrpRelayClientHandler attach(Channel channel, MsrpRelayConfig config, TimerService timers,
                                                RandomGenerator random, MsrpRelayClient.Listener listener) {
        Objects.requireNonNull(channel, "channel");
        ChannelHandlerContext decoder = channel.pipeline().context(MsrpFrameDecoder.class);
        if (decoder == null) {
            throw new IllegalArgumentException("channel: no MsrpFrameDecoder in the pipeline " + channel.pipeline().names());
        }
        MsrpRelayClient client = new MsrpRelayClient(config,
                request -> channel.writeAndFlush(request).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE),
                timers, random, listener);
        MsrpRelayClientHandler handler = new MsrpRelayClientHandler(channel, client);
        channel.pipeline().addAfter(decoder.name(), NAME, handler);
        return handler;
    }

    /** The client; call it on the channel's event loop only. */
    public MsrpRelayClient client() {
        return client;
    }

    /** {@link MsrpRelayClient#authenticate()} run on the event loop; callable from any thread. */
    public CompletableFuture<RelayBinding> authenticate() {
        CompletableFuture<RelayBinding> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            try {
                client.authenticate().whenComplete((b, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(b);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MsrpResponse r && client.onResponse(r)) {
            return;
        }
        if (msg instanceof MsrpFrameError e && e.recovered().isPresent()) {
            RecoveredHeader h = e.recovered().get();
            if (!h.isRequest() && client.onMalformedResponse(h.transactionId(), h.responseStatus(), e.reason())) {
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.close();
        ctx.fireChannelInactive();
    }
}
