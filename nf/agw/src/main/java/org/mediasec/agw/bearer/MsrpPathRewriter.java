package org.mediasec.agw.bearer;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.msrp.netty.MsrpFrameError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MSRP application-aware mode (TS 23.334 §5.19: the IMS-AGW "may support application-aware MSRP
 * interworking"; TR 29.828 "MSRP-aware mode") on one leg, behind the msrp module's
 * {@code MsrpFrameDecoder}: every message (one chunk at a time, so a streamed body is never held
 * whole; one chunk is bounded by {@code MsrpLimits.maxChunkSize}) gets the paths of the other leg's
 * session and is re-encoded ({@link MsrpCodec#encode}) for the relay to write there. Toward each
 * peer the AGW is the MSRP endpoint whose URI the IMS-ALG wrote in the SDP ({@link MsrpPaths}).
 *
 * <ul>
 *   <li>A request must name the AGW: RFC 4975 §7.3 "the To-Path will have exactly one URI, which
 *       MUST map to an existing session that is associated with the connection on which the request
 *       arrived. If this is not true, then the receiver MUST generate a 481 error and ignore the
 *       request." Otherwise it leaves on the other leg with To-Path = that peer's {@code a=path},
 *       From-Path = the AGW's {@code a=path} on that leg; headers, body and end-line flag unchanged.</li>
 *   <li>A response gets the same From-Path and, as RFC 4975 §7.2 shapes it, a To-Path of one URI
 *       (the previous hop, for SEND) when it came with one, else the whole peer path.</li>
 *   <li>A framed but malformed request is answered 400/501 by the AGW itself and not relayed; lost
 *       framing (the decoder closes the leg) fails the relay with {@link BearerFailure.Kind#MSRP_ERROR}.</li>
 * </ul>
 */
final class MsrpPathRewriter extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpPathRewriter.class);

    private final Leg leg;

    MsrpPathRewriter(Leg leg) {
        this.leg = leg;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MsrpMessage m) {
            MsrpMessage out = rewrite(ctx, m);
            if (out != null) {
                ByteBuf buf = ctx.alloc().buffer(256 + (out instanceof MsrpRequest r ? r.body().size() : 0));
                MsrpCodec.encode(out, buf);
                ctx.fireChannelRead(buf);
            }
        } else if (msg instanceof MsrpFrameError e) {
            frameError(ctx, e);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private MsrpMessage rewrite(ChannelHandlerContext ctx, MsrpMessage m) {
        MsrpPaths own = leg.spec.msrp();
        MsrpPaths next = leg.peer().spec.msrp();
        boolean ours = m.toPath().size() == 1 && m.toPath().get(0).matches(own.localUri());
        if (m instanceof MsrpRequest r) {
            if (!ours) {
                LOG.debug("[bearer {}] {} MSRP {} {} to {}: not the AGW's session {} (481)", leg.relay.id(), leg.side,
                        r.method(), r.transactionId(), r.toPath(), own.localUri());
                if (r.wantsResponse(MsrpStatus.SESSION_DOES_NOT_EXIST)) {
                    MsrpResponse e = MsrpResponse.to(r, MsrpStatus.SESSION_DOES_NOT_EXIST);
                    ByteBuf buf = ctx.alloc().buffer(256);
                    MsrpCodec.encode(e, buf);
                    ctx.writeAndFlush(buf, ctx.voidPromise());
                }
                return null;
            }
            if (!peerKnown(next)) {
                return null;
            }
            return new MsrpRequest(r.transactionId(), r.method(), next.remote(), next.local(), r.headers(), r.content(),
                    r.continuation());
        }
        MsrpResponse r = (MsrpResponse) m;
        if (!ours) {
            LOG.debug("[bearer {}] {} MSRP response {} to {}: not the AGW's session {}, dropped", leg.relay.id(),
                    leg.side, r.transactionId(), r.toPath(), own.localUri());
            return null;
        }
        if (!peerKnown(next)) {
            return null;
        }
        List<MsrpUri> to = r.toPath().size() == 1 ? List.of(next.remote().get(0)) : next.remote();
        return new MsrpResponse(r.transactionId(), r.status(), r.comment(), to, List.of(next.localUri()), r.headers());
    }

    private boolean peerKnown(MsrpPaths next) {
        if (next != null && !next.remote().isEmpty()) {
            return true;
        }
        Side other = leg.side.other();
        leg.relay.fail(BearerFailure.of(other, BearerFailure.Kind.MSRP_ERROR, "MSRP-aware mode: no a=path "
                + (next == null ? "in the Local" : "in the Remote") + " descriptor of the " + other + " termination", null));
        return false;
    }

    private void frameError(ChannelHandlerContext ctx, MsrpFrameError e) {
        if (e.fatal()) {
            leg.relay.fail(BearerFailure.of(leg.side, BearerFailure.Kind.MSRP_ERROR, "MSRP-aware mode: " + e.kind()
                    + ": " + e.reason(), null));
            return;
        }
        LOG.info("[bearer {}] {} malformed MSRP message not relayed: {}", leg.relay.id(), leg.side, e.reason());
        e.recovered().flatMap(h -> h.reply()).ifPresent(reply -> {
            ByteBuf buf = ctx.alloc().buffer(256);
            MsrpCodec.encode(reply, buf);
            ctx.writeAndFlush(buf, ctx.voidPromise());
        });
    }
}
