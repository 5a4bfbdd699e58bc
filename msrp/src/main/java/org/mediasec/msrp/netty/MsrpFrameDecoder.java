package org.mediasec.msrp.netty;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpEndLineSearch;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.codec.DecodeResult;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.msrp.codec.MsrpLimits;

/**
 * Splits an MSRP byte stream into messages (RFC 4975 §7.1 framing): a start line
 * {@code MSRP <tid> ...}, header lines, and either the end-line {@code -------<tid><flag>} directly
 * or an empty line, the body and {@code CRLF -------<tid><flag> CRLF}. Each delimited frame goes to
 * {@link MsrpCodec#decode}; the result is passed on as an {@link org.mediasec.msrp.MsrpMessage} or,
 * if malformed, an {@link MsrpFrameError} of kind {@code MALFORMED}.
 *
 * <p>Limits ({@link MsrpLimits}) bound what one connection can make us buffer: a frame is never
 * larger than the start line, {@code maxHeaderCount} lines of {@code maxLineLength} and a body of
 * {@code maxChunkSize}. Exceeding one, or a first line that is not an MSRP start line, loses the
 * framing: the decoder passes on a fatal {@link MsrpFrameError}, logs one WARN line and closes the
 * connection.
 *
 * <p>The body is scanned incrementally, never twice: a search for {@code -------<tid>}
 * ({@link MsrpEndLineSearch}) that probes every seventh octet for a hyphen and resumes where the
 * previous read stopped. A received buffer is decoded in place while nothing is cumulated; what stays
 * undecoded is accumulated in a pooled <em>heap</em> buffer, so {@link MsrpCodec#decodeDelimited}
 * parses the frame in place, takes the end-line from its end without searching again, and copies the
 * body exactly once, into the message's {@code Bytes}. A large body ({@link BodySink}) is copied
 * straight from the received buffers (the TLS handler's direct output) into the array that becomes its
 * {@code Bytes}: once per body octet, with no heap cumulation in between.
 *
 * <p>{@link #withDirectBodies} (the session endpoint's pipeline): such a large SEND body is collected
 * in a pooled direct buffer instead ({@link DirectBodySink}) and passed on as a {@link SpooledSend},
 * so the session can write it to its spill file without a heap array; every other frame is decoded
 * as without it.
 */
public final class MsrpFrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpFrameDecoder.class);
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    /** Stream a body once this many octets beyond an end-line's length arrived without its end-line. */
    private static final int STREAM_AFTER = 8;
    /** The smallest array guessed for a streamed body when no earlier body says better. */
    private static final int MIN_GUESS = 4096;

    /** Where in the frame the decoder is. */
    enum State {
        /** Waiting for the CRLF that ends {@code MSRP <tid> ...}. */
        START_LINE,
        /** Reading header lines until the empty line or the end-line. */
        HEADERS,
        /** Scanning the body for {@code CRLF -------<tid><flag> CRLF}. */
        BODY,
        /** A large body goes straight into its own array ({@link BodySink}), not into the cumulation. */
        STREAMING,
        /** Framing lost: everything is discarded, the channel is closing. */
        FAILED
    }

    private final MsrpLimits limits;
    /** Large SEND bodies stay in direct memory and are passed on as {@link SpooledSend}. */
    private final boolean directBodies;
    private State state = State.START_LINE;
    /** Offsets below are relative to the reader index, which only moves when a frame is emitted. */
    private int lineStart;
    private int headerCount;
    private int bodyStart;
    private int scan;
    private String tid;
    /** {@code CRLF "-------" tid}. */
    private byte[] marker;
    /** Finds {@code "-------" tid}. */
    private MsrpEndLineSearch search;
    /** {@code "-------" tid} as octets. */
    private byte[] pattern;
    /**
     * False once {@code -------<tid>} was seen in the body other than as its end-line, or when the
     * body was not searched through an array; true means the codec need not check the body again.
     */
    private boolean bodySearched;
    /** The last BODY search left a {@code -------<tid>} near the end undecided. */
    private boolean pendingHit;
    /** In STREAMING: the start line and headers through the empty line, and the body collector. */
    private byte[] head;
    private BodySink sink;
    /** In STREAMING with {@link #directBodies}: the body collector instead of {@link #sink}. */
    private DirectBodySink dsink;
    /** After a direct-buffer BODY search that found no end-line: the body offset the search got to. */
    private int searchedTo;
    /** The size of the last streamed body: the array size guessed for the next one. */
    private int lastBodyLength;
    /** In this read cycle: octets went to the sink / a streamed message was passed on. */
    private boolean streamedThisRead;
    private boolean firedThisRead;

    public MsrpFrameDecoder() {
        this(MsrpLimits.DEFAULT);
    }

    public MsrpFrameDecoder(MsrpLimits limits) {
        this(limits, false);
    }

    private MsrpFrameDecoder(MsrpLimits limits, boolean directBodies) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.directBodies = directBodies;
        setCumulator(HEAP_CUMULATOR);
    }

    /**
     * A decoder that passes a SEND whose body spans received buffers on as a {@link SpooledSend} (the
     * body in a pooled direct buffer, to be released by whoever takes it) instead of an
     * {@link MsrpRequest}; for the session layer, which writes large bodies to a file. Everything
     * else is decoded as by {@link #MsrpFrameDecoder(MsrpLimits)}.
     */
    public static MsrpFrameDecoder withDirectBodies(MsrpLimits limits) {
        return new MsrpFrameDecoder(limits, true);
    }

    /**
     * Like {@link ByteToMessageDecoder#MERGE_CUMULATOR}: a received buffer is passed through while
     * nothing is cumulated (heap or direct); octets that must wait for more are cumulated in a heap
     * buffer (from the channel's allocator, so pooled when the channel's allocator pools), so the frame
     * can be searched and parsed through its backing array. {@code in} is always released.
     */
    static final Cumulator HEAP_CUMULATOR = (alloc, cumulation, in) -> {
        try {
            int required = in.readableBytes();
            if (!cumulation.isReadable() && in.refCnt() == 1 && !in.isReadOnly()) {
                // nothing cumulated: decode straight from the received buffer, heap or direct (the TLS
                // handler's output); a large body in a direct buffer is copied once, into its own array
                // (decode, BODY); what stays undecoded is copied into a heap cumulation with the next read
                cumulation.release();
                return in.retain();
            }
            if (cumulation.hasArray() && !cumulation.isReadOnly() && cumulation.refCnt() == 1
                    && required <= cumulation.maxWritableBytes()) {
                cumulation.writeBytes(in, in.readerIndex(), required);
                in.readerIndex(in.writerIndex());
                return cumulation;
            }
            int size = cumulation.readableBytes() + required;
            ByteBuf next = alloc.heapBuffer(alloc.calculateNewCapacity(size, Integer.MAX_VALUE));
            try {
                next.writeBytes(cumulation).writeBytes(in);
            } catch (Throwable t) {
                next.release();
                throw t;
            }
            cumulation.release();
            return next;
        } finally {
            in.release();
        }
    };

    State state() {
        return state;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (state != State.FAILED) {
            int base = in.readerIndex();
            int avail = in.readableBytes();
            switch (state) {
                case START_LINE -> {
                    // Checked in an order that does not depend on how the bytes arrived: prefix, length, id.
                    if (avail >= 5 && !startsWithMsrp(in, base)) {
                        fail(ctx, in, out, MsrpFrameError.Kind.FRAMING_LOST, "not an MSRP start line");
                        return;
                    }
                    int crlf = findCrlf(in, base, base + avail);
                    int len = crlf < 0 ? partialLineLength(in, base, base + avail) : crlf - base;
                    if (len > limits.maxLineLength()) {
                        fail(ctx, in, out, MsrpFrameError.Kind.LIMIT_EXCEEDED, "start line longer than " + limits.maxLineLength());
                        return;
                    }
                    if (crlf < 0) {
                        return;
                    }
                    tid = MsrpCodec.startLineTransactionId(in, base, crlf);
                    if (tid == null) {
                        fail(ctx, in, out, MsrpFrameError.Kind.FRAMING_LOST, "not an MSRP start line");
                        return;
                    }
                    marker = ("\r\n-------" + tid).getBytes(StandardCharsets.US_ASCII);
                    search = MsrpEndLineSearch.of(tid);
                    pattern = search.pattern();
                    lineStart = len + 2;
                    headerCount = 0;
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    int from = base + lineStart;
                    int crlf = findCrlf(in, from, base + avail);
                    int len = crlf < 0 ? partialLineLength(in, from, base + avail) : crlf - from;
                    if (len > limits.maxLineLength()) {
                        fail(ctx, in, out, MsrpFrameError.Kind.LIMIT_EXCEEDED, "header line longer than " + limits.maxLineLength());
                        return;
                    }
                    if (crlf < 0) {
                        return;
                    }
                    if (len == 0) {
                        bodyStart = lineStart + 2;
                        scan = lineStart; // the empty line's CRLF may be the one before the end-line
                        bodySearched = true;
                        state = State.BODY;
                    } else if (isEndLine(in, from, len)) {
                        emit(ctx, in, out, crlf + 2 - base);
                    } else if (++headerCount > limits.maxHeaderCount()) {
                        fail(ctx, in, out, MsrpFrameError.Kind.LIMIT_EXCEEDED, "more than " + limits.maxHeaderCount() + " headers");
                        return;
                    } else {
                        lineStart = crlf + 2 - base;
                    }
                }
                case BODY -> {
                    if (!in.hasArray() && avail - bodyStart >= marker.length + STREAM_AFTER) {
                        // one search over the body octets of this buffer; a body that continues goes to
                        // a sink told how far this search got, so no octet is searched twice
                        int whole = findEndLineDirect(in, base, avail);
                        if (whole < 0) {
                            if (!streamFromDirect(ctx, in, out, base, avail)) {
                                return;
                            }
                            continue;
                        }
                        // the whole frame is in this buffer (a TLS record holds several small chunks):
                        // decoded in place, the body copied once. Streaming it would size the sink by
                        // everything left in the buffer and copy the following frames along (quadratic).
                        if (whole - (base + bodyStart) > limits.maxChunkSize()) {
                            fail(ctx, in, out, MsrpFrameError.Kind.LIMIT_EXCEEDED, "body larger than " + limits.maxChunkSize());
                            return;
                        }
                        emit(ctx, in, out, whole + marker.length + 3 - base);
                        continue;
                    }
                    if (!in.hasArray()) {
                        bodySearched = false;
                    }
                    int found = in.hasArray() ? findEndLineInArray(in, base) : findEndLine(in, base + scan, base + avail);
                    if (found < 0) {
                        // keep the tail that could still be the start of the end-line
                        scan = Math.max(scan, avail - (marker.length + 2));
                        if ((long) avail - bodyStart > (long) limits.maxChunkSize() + marker.length + 3) {
                            fail(ctx, in, out, MsrpFrameError.Kind.LIMIT_EXCEEDED, "body larger than " + limits.maxChunkSize());
                            return;
                        }
                        if (in.hasArray() && !pendingHit && avail - bodyStart >= marker.length + STREAM_AFTER) {
                            startStreaming(in, base, avail);
                        }
                        return;
                    }
                    if (found - (base + bodyStart) > limits.maxChunkSize()) {
                        fail(ctx, in, out, MsrpFrameError.Kind.LIMIT_EXCEEDED, "body larger than " + limits.maxChunkSize());
                        return;
                    }
                    emit(ctx, in, out, found + marker.length + 3 - base);
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        in.skipBytes(in.readableBytes());
    }

    /**
     * The rest of this body bypasses the cumulation: the head and the body octets so far move into
     * arrays of their own, the cumulation is emptied, and {@link #channelRead} feeds what arrives to
     * the {@link BodySink} until the end-line.
     */
    /**
     * Streams the body of a frame whose head lies in a direct buffer (the TLS handler's output passed
     * through by the cumulator) straight into the body's array: the body octets are copied once, not
     * into a heap cumulation first. Returns true if the frame was completed here (its message or error
     * is in {@code out}, the octets after it are still in {@code in}); false if the body continues in
     * later reads ({@link State#STREAMING}) or the frame failed.
     */
    private boolean streamFromDirect(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, int base, int avail) {
        if ((long) avail - bodyStart > (long) limits.maxChunkSize() + marker.length + 3) {
            // no end-line in more octets than the largest body and its end-line
            fail(ctx, in, out, MsrpFrameError.Kind.LIMIT_EXCEEDED, "body larger than " + limits.maxChunkSize());
            return false;
        }
        head = new byte[bodyStart];
        in.getBytes(base, head);
        // findEndLineDirect searched this buffer's body octets from body offset 0 (bodySearched: clean)
        int so = avail - bodyStart;
        in.readerIndex(base + bodyStart);
        state = State.STREAMING;
        if (directBodies) {
            dsink = new DirectBodySink(ctx.alloc(), search, marker.length, lastBodyLength, limits.maxChunkSize(),
                    searchedTo, bodySearched);
            BodySink.Result r = dsink.feed(in);
            if (r == BodySink.Result.MORE) {
                return false;
            }
            if (r == BodySink.Result.TOO_LARGE || dsink.bodyLength() > limits.maxChunkSize()) {
                fail(ctx, in, out, MsrpFrameError.Kind.LIMIT_EXCEEDED, "body larger than " + limits.maxChunkSize());
                return false;
            }
            out.add(streamedDirectMessage(ctx));
            return true;
        }
        int guess = lastBodyLength > so ? lastBodyLength : Math.max(2 * so, MIN_GUESS);
        sink = BodySink.searched(search, marker, in, so, searchedTo, guess, limits.maxChunkSize(), bodySearched);
        BodySink.Result r = sink.feed(in);
        switch (r) {
            case MORE -> {
                return false;
            }
            case TOO_LARGE -> {
                fail(ctx, in, out, MsrpFrameError.Kind.LIMIT_EXCEEDED, "body larger than " + limits.maxChunkSize());
                return false;
            }
            case DONE -> {
                BodySink done = sink;
                if (done.body().length > limits.maxChunkSize()) {
                    fail(ctx, in, out, MsrpFrameError.Kind.LIMIT_EXCEEDED, "body larger than " + limits.maxChunkSize());
                    return false;
                }
                // octets after the end-line that the sink took into its array came from in: give them back
                in.readerIndex(in.readerIndex() - done.leftover().length);
                out.add(streamedMessage(ctx, done));
                return true;
            }
            default -> throw new IllegalStateException(r.name());
        }
    }

    private void startStreaming(ByteBuf in, int base, int avail) {
        byte[] a = in.array();
        int off = in.arrayOffset() + base;
        head = java.util.Arrays.copyOfRange(a, off, off + bodyStart);
        int so = avail - bodyStart;
        if (directBodies) {
            // searched up to the last octets that could still start the end-line (as BodySink does)
            dsink = new DirectBodySink(in.alloc(), search, marker.length, lastBodyLength, limits.maxChunkSize(),
                    Math.max(0, so - (marker.length + 2)), bodySearched);
            dsink.prefill(a, off + bodyStart, so);
        } else {
            int guess = lastBodyLength > so ? lastBodyLength : Math.max(2 * so, MIN_GUESS);
            sink = new BodySink(search, marker, a, off + bodyStart, so, guess, limits.maxChunkSize(), bodySearched);
        }
        in.skipBytes(avail);
        state = State.STREAMING;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (state != State.STREAMING || !(msg instanceof ByteBuf buf)) {
            super.channelRead(ctx, msg);
            return;
        }
        streamedThisRead = true;
        BodySink.Result r;
        try {
            r = dsink != null ? dsink.feed(buf) : sink.feed(buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        if (r == BodySink.Result.DONE && dsink != null && dsink.bodyLength() > limits.maxChunkSize()) {
            r = BodySink.Result.TOO_LARGE;
        }
        switch (r) {
            case MORE -> buf.release();
            case TOO_LARGE -> {
                buf.release();
                failStreaming(ctx, "body larger than " + limits.maxChunkSize());
            }
            case DONE -> {
                if (dsink != null) {
                    Object message = streamedDirectMessage(ctx);
                    firedThisRead = true;
                    ctx.fireChannelRead(message);
                    // the octets after the end-line are still in buf (the sink moved its reader index back)
                    channelRead(ctx, buf);
                    return;
                }
                BodySink done = sink;
                if (emitStreamed(ctx, done)) {
                    byte[] rest = done.leftover();
                    if (rest.length > 0) {
                        channelRead(ctx, Unpooled.wrappedBuffer(rest));
                    }
                    channelRead(ctx, buf);
                } else {
                    buf.release();
                }
            }
            default -> throw new IllegalStateException(r.name());
        }
    }

    /**
     * The message of a frame whose body {@link #dsink} collected, within the limit; resets the frame.
     * A SEND whose body the search found free of {@code -------<tid>} is passed on as a
     * {@link SpooledSend}: RFC 4975 §7.1, "If the request contains a body, the sender MUST ensure that
     * the end-line (seven hyphens, the transaction identifier, and a continuation flag) is not present
     * in the body." is enforced here by that search (every octet of the body, a look-alike anywhere
     * makes the body not clean). Any other frame (not clean, not a SEND, malformed) is decoded with
     * its body as a heap array, exactly as without direct bodies, so the {@link MsrpRequest} check
     * judges it.
     */
    private Object streamedDirectMessage(ChannelHandlerContext ctx) {
        DirectBodySink done = dsink;
        dsink = null;
        ByteBuf body = done.takeBody();
        lastBodyLength = body.readableBytes();
        try {
            if (done.clean()) {
                DecodeResult r = MsrpCodec.decodeWithBody(head, head.length, Bytes.EMPTY, tid, done.flag(), limits, true);
                if (r instanceof DecodeResult.Ok ok && ok.message() instanceof MsrpRequest req
                        && req.method().equals(MsrpMethod.SEND)) {
                    resetFrame();
                    SpooledSend s = new SpooledSend(req, body);
                    body = null;
                    return s;
                }
            }
            byte[] arr = new byte[body.readableBytes()];
            body.getBytes(body.readerIndex(), arr);
            DecodeResult r = MsrpCodec.decodeWithBody(head, head.length, Bytes.ownedBy(arr), tid, done.flag(), limits,
                    done.clean());
            Object message = asMessage(ctx, r);
            resetFrame();
            return message;
        } finally {
            if (body != null) {
                body.release();
            }
        }
    }

    private Object asMessage(ChannelHandlerContext ctx, DecodeResult r) {
        if (r instanceof DecodeResult.Ok ok) {
            return ok.message();
        }
        DecodeResult.Malformed m = (DecodeResult.Malformed) r;
        if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] malformed MSRP message (tid {}): {}", ctx.channel(), tid, m.reason());
        }
        return new MsrpFrameError(MsrpFrameError.Kind.MALFORMED, m.reason(), m.recovered());
    }

    /** Passes on the streamed message; false when its body broke the limit (the channel is closing). */
    private boolean emitStreamed(ChannelHandlerContext ctx, BodySink done) {
        byte[] body = done.body();
        if (body.length > limits.maxChunkSize()) {
            failStreaming(ctx, "body larger than " + limits.maxChunkSize());
            return false;
        }
        Object message = streamedMessage(ctx, done);
        firedThisRead = true;
        ctx.fireChannelRead(message);
        return true;
    }

    /** The message (or MALFORMED error) of a streamed frame whose body is within the limit; resets the frame. */
    private Object streamedMessage(ChannelHandlerContext ctx, BodySink done) {
        byte[] body = done.body();
        lastBodyLength = body.length;
        DecodeResult r = MsrpCodec.decodeWithBody(head, head.length, Bytes.ownedBy(body), tid, done.flag(), limits,
                done.clean());
        Object message = asMessage(ctx, r);
        resetFrame();
        return message;
    }

    /** The connection ended mid-body: the partial frame is dropped, as the cumulation is. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (state == State.STREAMING) {
            resetFrame();
        }
        super.channelInactive(ctx);
    }

    /**
     * Removed mid-body: as {@link ByteToMessageDecoder} passes its cumulation on, pass on the octets
     * of the frame taken so far (head, then body), so the next handler sees the stream unchanged.
     */
    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        if (state == State.STREAMING && dsink != null) {
            ByteBuf rest = Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(head), dsink.takeSoFar());
            resetFrame();
            ctx.fireChannelRead(rest);
            ctx.fireChannelReadComplete();
        } else if (state == State.STREAMING && sink != null) {
            ByteBuf rest = Unpooled.wrappedBuffer(head, sink.taken());
            resetFrame();
            ctx.fireChannelRead(rest);
            ctx.fireChannelReadComplete();
        }
        super.handlerRemoved0(ctx);
    }

    /**
     * As {@link ByteToMessageDecoder} does for the octets it cumulates: when this read cycle fed the
     * sink but passed nothing on and the channel does not read by itself (autoRead off), ask for more,
     * so a streamed body reads on exactly as a cumulated one does.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (streamedThisRead && !firedThisRead && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
        streamedThisRead = false;
        firedThisRead = false;
        super.channelReadComplete(ctx);
    }

    private void failStreaming(ChannelHandlerContext ctx, String reason) {
        LOG.warn("[{}] closing MSRP connection: {} ({})", ctx.channel(), reason, limits);
        resetFrame();
        state = State.FAILED;
        ctx.fireChannelRead(new MsrpFrameError(MsrpFrameError.Kind.LIMIT_EXCEEDED, reason, Optional.empty()));
        ctx.close();
    }

    private void emit(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, int frameLength) {
        // the frame ends at its first end-line, so the codec need not search for it again; nor the
        // body for its end-line when the BODY search saw -------<tid> nowhere else
        DecodeResult r = MsrpCodec.decodeDelimited(in.readSlice(frameLength), limits, state == State.BODY && bodySearched);
        if (r instanceof DecodeResult.Ok ok) {
            out.add(ok.message());
        } else {
            DecodeResult.Malformed m = (DecodeResult.Malformed) r;
            if (LOG.isDebugEnabled()) {
                LOG.debug("[{}] malformed MSRP message (tid {}): {}", ctx.channel(), tid, m.reason());
            }
            out.add(new MsrpFrameError(MsrpFrameError.Kind.MALFORMED, m.reason(), m.recovered()));
        }
        resetFrame();
    }

    private void resetFrame() {
        state = State.START_LINE;
        lineStart = 0;
        scan = 0;
        tid = null;
        marker = null;
        search = null;
        pattern = null;
        bodySearched = false;
        pendingHit = false;
        head = null;
        sink = null;
        if (dsink != null) {
            dsink.release();
            dsink = null;
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, List<Object> out, MsrpFrameError.Kind kind, String reason) {
        LOG.warn("[{}] closing MSRP connection: {} ({})", ctx.channel(), reason, limits);
        if (dsink != null) {
            dsink.release();
            dsink = null;
        }
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        out.add(new MsrpFrameError(kind, reason, Optional.empty()));
        ctx.close();
    }

    private static boolean startsWithMsrp(ByteBuf in, int at) {
        return in.getByte(at) == 'M' && in.getByte(at + 1) == 'S' && in.getByte(at + 2) == 'R'
                && in.getByte(at + 3) == 'P' && in.getByte(at + 4) == ' ';
    }

    /** Length of an unterminated line in [from, to), not counting a last CR (its LF may follow). */
    private static int partialLineLength(ByteBuf in, int from, int to) {
        return to > from && in.getByte(to - 1) == CR ? to - from - 1 : to - from;
    }

    /** Index of the CR of the first CRLF in [from, to), or -1. */
    private static int findCrlf(ByteBuf in, int from, int to) {
        int i = from;
        while (i < to) {
            int lf = in.indexOf(i, to, LF);
            if (lf < 0) {
                return -1;
            }
            if (lf > from && in.getByte(lf - 1) == CR) {
                return lf - 1;
            }
            i = lf + 1;
        }
        return -1;
    }

    /** The line [from, from+len) is {@code -------<tid><flag>}. */
    private boolean isEndLine(ByteBuf in, int from, int len) {
        if (len != marker.length - 2 + 1) {
            return false;
        }
        for (int k = 2; k < marker.length; k++) {
            if (in.getByte(from + k - 2) != marker[k]) {
                return false;
            }
        }
        return MsrpContinuation.fromFlag(in.getByte(from + len - 1)) != null;
    }

    /**
     * Index (into {@code in}) of the CR that starts {@code CRLF -------<tid><flag> CRLF} in
     * {@code [base + scan, base + readable)}, or -1; a heap buffer, searched through its array. When
     * a hit is too close to the end to check its flag and CRLF, {@code scan} stays there so the next
     * call looks at it again; otherwise the caller moves {@code scan} past what was searched.
     */
    private int findEndLineInArray(ByteBuf in, int base) {
        byte[] a = in.array();
        int shift = in.arrayOffset();
        int end = shift + base + in.readableBytes();
        int m = search.length();
        int from = shift + base + scan + 2;
        pendingHit = false;
        while (true) {
            int at = search.indexIn(a, from, end);
            if (at < 0) {
                return -1;
            }
            int f = at + m;
            if (f + 3 > end) {
                scan = at - 2 - shift - base;
                pendingHit = true;
                return -1;
            }
            if (a[at - 2] == CR && a[at - 1] == LF && MsrpContinuation.fromFlag(a[f]) != null
                    && a[f + 1] == CR && a[f + 2] == LF) {
                return at - 2 - shift;
            }
            bodySearched = false; // -------<tid> inside the body: let the codec's check judge it
            from = at + 1;
        }
    }

    /**
     * Index (into {@code in}) of the CR that starts {@code CRLF -------<tid><flag> CRLF} whose
     * {@code -------<tid>} starts in the body, {@code in[base + bodyStart, base + avail)}, or -1: a
     * direct buffer, searched through its memory address ({@link BufferEndLineSearch}). Clears {@link #bodySearched} on a {@code -------<tid>} that is not the end-line (RFC 4975
     * §7.1: the end-line "is not present in the body"; the codec's check or a {@link SpooledSend}'s
     * refusal judges it). On -1, {@link #searchedTo} is the body offset from which an end-line could
     * still start (undecided: too close to the end).
     */
    private int findEndLineDirect(ByteBuf in, int base, int avail) {
        int m = search.length();
        int end = base + avail;
        int from = base + bodyStart; // at bodyStart the empty line's CRLF precedes: an empty body
        while (true) {
            int at = BufferEndLineSearch.indexIn(search, pattern, in, from, end);
            if (at < 0) {
                searchedTo = Math.max(from, end - m + 1) - (base + bodyStart);
                return -1;
            }
            int f = at + m;
            if (f + 3 > end) {
                searchedTo = at - (base + bodyStart);
                return -1;
            }
            if (in.getByte(at - 2) == CR && in.getByte(at - 1) == LF && MsrpContinuation.fromFlag(in.getByte(f)) != null
                    && in.getByte(f + 1) == CR && in.getByte(f + 2) == LF) {
                return at - 2;
            }
            bodySearched = false;
            from = at + 1;
        }
    }

    /** Index of the CR that starts {@code CRLF -------<tid><flag> CRLF} in [from, to), or -1 (any buffer). */
    private int findEndLine(ByteBuf in, int from, int to) {
        int need = marker.length + 3;
        int i = from;
        while (i + need <= to) {
            int cr = in.indexOf(i, to - need + 1, CR);
            if (cr < 0) {
                return -1;
            }
            if (matchesAt(in, cr)) {
                return cr;
            }
            i = cr + 1;
        }
        return -1;
    }

    private boolean matchesAt(ByteBuf in, int at) {
        for (int k = 0; k < marker.length; k++) {
            if (in.getByte(at + k) != marker[k]) {
                return false;
            }
        }
        int f = at + marker.length;
        return MsrpContinuation.fromFlag(in.getByte(f)) != null && in.getByte(f + 1) == CR && in.getByte(f + 2) == LF;
    }
}
