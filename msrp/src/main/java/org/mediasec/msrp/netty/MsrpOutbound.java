package org.mediasec.msrp.netty;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpEndLineSearch;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpTransactionIds;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.msrp.internal.ChunkEnd;
import org.mediasec.msrp.internal.OutgoingStream;

/**
 * The one writer of an MSRP connection, shared by every session on it (RFC 4975 §5.4 reuse): writes
 * streamed bodies as interruptible chunks and lets nothing else onto the connection while a chunk is
 * open. Sits between {@link MsrpMessageEncoder} and the tail, so every message written on the channel
 * (responses, REPORTs, whole SENDs, AUTHs of the relay client) passes it.
 *
 * <p>A chunk is its head ({@link MsrpCodec#encodeHead}, {@code Byte-Range: start-* /total}), body pieces
 * read from the payload straight into pooled direct buffers while the channel is writable, and the
 * end-line. RFC 4975 §7.1.1: "A SEND request is interrupted while a body is in the process of being
 * written to the connection by simply noting how much of the message has already been written to the
 * connection, then writing out the end-line to end the chunk." The open chunk ends with {@code +}:
 * <ul>
 *   <li>when anything else waits and the chunk carried at least 2048 octets ("interrupting chunks (at
 *       least 2048 octets long) only when other traffic is waiting to use the same connection"; "SEND
 *       requests larger than 2048 octets MUST be interrupted if the sender needs to send pending
 *       responses or REPORT requests"). Waiting messages go first; a waiting stream takes the turn and
 *       the interrupted one goes behind it, so concurrent streams alternate ("each concurrent request
 *       gets a chance to send some fair portion of data at regular intervals");</li>
 *   <li>when it reaches the stream's largest body, or just before a piece that would put the end-line
 *       into the body.</li>
 * </ul>
 * The stream then resumes in a new transaction at the next octet ("It can then be resumed in a another
 * chunk with the same Message-ID and a Byte-Range header field range start field containing the
 * position of the first byte after the interruption occurred"). Its owner is told of every transaction
 * with its exact octet count ({@link ChunkEnd}); with {@code $} or {@code #} the stream is done.
 * Nothing is scheduled or looked up per piece; {@link OutgoingStream#stop} ends the open chunk with
 * {@code #} at the next piece.
 *
 * <p>Event-loop confined: {@link #stream} may be called from any thread.
 */
final class MsrpOutbound extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MsrpOutbound.class);
    /** RFC 4975 §7.1.1: a chunk is interrupted only once it is "at least 2048 octets long". */
    static final int MIN_INTERRUPTED = 2048;
    /** Octets read and written at a time: one TLS record's worth. */
    static final int DEFAULT_PIECE = 16 << 10;
    /** Octets written before the writer yields the event loop to other tasks (reads, other channels). */
    static final int DEFAULT_TURN = 256 << 10;

    private record Waiting(Object message, ChannelPromise promise) {
    }

    private final RandomGenerator random;
    private final int pieceSize;
    private final int turn;
    private final Executor turns;
    private final ArrayDeque<Waiting> messages = new ArrayDeque<>();
    private final ArrayDeque<OutgoingStream> streams = new ArrayDeque<>();
    /** The last octets of the previous piece, to find an end-line across the seam. */
    private final byte[] tail = new byte[64];
    private final byte[] seam = new byte[128];
    private ChannelHandlerContext ctx;
    private ChannelPromise quiet;
    private boolean pumpScheduled;
    private boolean pumping;
    private boolean again;
    private boolean turnDeferred;
    private boolean closed;

    /** The stream being written, or null. */
    private OutgoingStream open;
    /** Its open transaction, or null between two of its transactions. */
    private String tid;
    private MsrpEndLineSearch search;
    private byte[] pattern;
    private long chunkStart;
    private long carried;
    private int tailLength;

    MsrpOutbound(RandomGenerator random) {
        this(random, DEFAULT_PIECE, DEFAULT_TURN, null);
    }

    /**
     * @param turns runs the writer's next turn; null: the channel's event loop. Tests pass their own to
     *              step through turns (an EmbeddedChannel runs its pending tasks on every operation).
     */
    MsrpOutbound(RandomGenerator random, int pieceSize, int turn, Executor turns) {
        if (pieceSize < 1 || turn < 1) {
            throw new IllegalArgumentException("pieceSize/turn: " + pieceSize + "/" + turn + " (expected: >= 1)");
        }
        this.random = random;
        this.pieceSize = pieceSize;
        this.turn = turn;
        this.turns = turns;
    }

    /** Queues a body to be written as chunks; see {@link org.mediasec.msrp.internal.MsrpWire#stream}. */
    void stream(OutgoingStream s) {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            s.report(closedEnd(s));
            return;
        }
        if (c.executor().inEventLoop()) {
            enqueue(s);
            return;
        }
        try {
            c.executor().execute(() -> enqueue(s));
        } catch (RejectedExecutionException e) {
            s.report(closedEnd(s)); // the event loop is shutting down
        }
    }

    private void enqueue(OutgoingStream s) {
        if (closed) {
            s.report(closedEnd(s));
            return;
        }
        streams.addLast(s);
        pump(turn);
    }

    // ------------------------------------------------------------------ pipeline events

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        // pieces, heads and end-lines need no promise each: a failed write closes the channel, and
        // channelInactive hands every stream back (a firing void promise would log each failed piece)
        this.quiet = new VoidChannelPromise(ctx.channel(), false);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (open == null && messages.isEmpty()) {
            ctx.write(msg, promise);
            return;
        }
        // RFC 4975 §7.1.1: "SEND requests larger than 2048 octets MUST be interrupted if the sender needs
        // to send pending responses or REPORT requests." Anything else waits for the open chunk too.
        messages.addLast(new Waiting(msg, promise));
        pump(0); // interrupt and write what waits now; the stream goes on in its next turn
        if (open != null || !streams.isEmpty()) {
            schedulePump();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            pump(turn);
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        shutdown();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        shutdown();
    }

    /** Fails what waits and hands every stream back: nothing more can be written. */
    private void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        if (open != null) {
            OutgoingStream s = open;
            open = null;
            tid = null;
            s.report(closedEnd(s));
        }
        for (OutgoingStream s; (s = streams.pollFirst()) != null; ) {
            s.report(closedEnd(s));
        }
        for (Waiting w; (w = messages.pollFirst()) != null; ) {
            io.netty.util.ReferenceCountUtil.release(w.message);
            w.promise.tryFailure(new ClosedChannelException());
        }
    }

    private static ChunkEnd closedEnd(OutgoingStream s) {
        return new ChunkEnd(null, s.position() + 1, 0, MsrpContinuation.ABORT, MsrpStatus.SESSION_DOES_NOT_EXIST,
                "connection closed");
    }

    // ------------------------------------------------------------------ the writer

    private boolean othersWaiting() {
        return !messages.isEmpty() || !streams.isEmpty();
    }

    private void schedulePump() {
        if (!pumpScheduled) {
            pumpScheduled = true;
            (turns != null ? turns : ctx.executor()).execute(() -> {
                pumpScheduled = false;
                if (pumping) {
                    turnDeferred = true; // run from inside our own flush: a turn of its own later
                } else {
                    pump(turn);
                }
            });
        }
    }

    /**
     * Writes what may be written now, at most {@code budget} body octets; a call made while it runs (from
     * a listener) makes it go round once more.
     */
    private void pump(long budget) {
        if (pumping) {
            again = true;
            return;
        }
        pumping = true;
        try {
            long left = budget;
            do {
                again = false;
                left = pumpOnce(left); // a nested call (e.g. writability restored by our own flush) adds no budget
            } while (again && !closed);
        } finally {
            pumping = false;
            if (turnDeferred) {
                turnDeferred = false;
                schedulePump();
            }
        }
    }

    /**
     * Waiting messages when no chunk is open, then pieces of the open stream, then the next stream;
     * returns the budget left.
     */
    private long pumpOnce(long turnBudget) {
        if (closed || ctx == null) {
            return 0;
        }
        long budget = turnBudget;
        while (true) {
            if (tid == null && !messages.isEmpty()) {
                Waiting w = messages.pollFirst();
                ctx.write(w.message, w.promise);
                ctx.flush(); // each message in records of its own (see MsrpEndpoint#initMsrp)
                continue;
            }
            OutgoingStream s = open;
            if (s == null) {
                s = streams.pollFirst();
                if (s == null) {
                    break;
                }
                open = s;
                chunkStart = s.position() + 1;
                carried = 0;
            }
            if (s.endRequested() != null) {
                if (tid != null) {
                    endChunk(s.endRequested(), null, null);
                } else {
                    handBack(null, null);
                }
                continue;
            }
            if (tid != null && carried >= MIN_INTERRUPTED && othersWaiting()) {
                endChunk(MsrpContinuation.MORE, null, null);
                continue;
            }
            if (!ctx.channel().isWritable()) {
                break; // resumed by channelWritabilityChanged
            }
            if (budget <= 0) {
                if (tid != null || othersWaiting() || s.remaining() > 0) {
                    schedulePump();
                }
                break;
            }
            budget -= writePiece(s);
        }
        ctx.flush();
        return budget;
    }

    /** Reads and writes one piece of {@code s}, opening a transaction first when none is. Returns the octets. */
    private int writePiece(OutgoingStream s) {
        int n = (int) Math.min(pieceSize, Math.min(s.remaining(), (long) s.maxBody() - carried));
        ByteBuf piece = ctx.alloc().ioBuffer(n);
        ByteBuffer view = piece.nioBuffer(0, n); // one view per piece, read into and searched
        try {
            s.read(view); // straight into the buffer that is written
            piece.writerIndex(n);
        } catch (IOException | RuntimeException e) {
            piece.release();
            String reason = "cannot read the payload: " + e.getMessage();
            LOG.debug("[{}] message {}: {}", ctx.channel(), s.messageId(), reason);
            if (tid != null) {
                endChunk(MsrpContinuation.ABORT, MsrpStatus.UNINTELLIGIBLE, reason);
            } else {
                handBack(MsrpStatus.UNINTELLIGIBLE, reason);
            }
            return 0;
        }
        if (tid == null) {
            openTransaction(s, piece, view, n);
        } else if (endLineIn(piece, view, n)) {
            // RFC 4975 §7.1: "Some implementations may choose to scan for the closing sequence as they send
            // the body, and if it is encountered, simply interrupt the chunk at that point and start a new
            // transaction with a different transaction identifier to carry the rest of the body."
            endChunk(MsrpContinuation.MORE, null, null);
            open = s; // the stream carries on at once, even when others wait: the piece is read already
            streams.remove(s);
            openTransaction(s, piece, view, n);
        }
        ctx.write(piece, quiet);
        carried += n;
        keepTail(piece, n);
        if (s.remaining() == 0) {
            endChunk(MsrpContinuation.COMPLETE, null, null);
        } else if (carried >= s.maxBody()) {
            endChunk(MsrpContinuation.MORE, null, null);
        }
        return n;
    }

    /**
     * Writes the head of a new transaction whose first piece is {@code piece}, under an id whose
     * end-line does not occur in that piece (RFC 4975 §7.1: "the sender MUST choose a new transaction
     * identifier that is not present in the body").
     */
    private void openTransaction(OutgoingStream s, ByteBuf piece, ByteBuffer view, int n) {
        String id;
        MsrpEndLineSearch sch;
        do {
            id = MsrpTransactionIds.random(random);
            sch = MsrpEndLineSearch.of(id);
        } while (indexIn(sch, sch.pattern(), piece, view, n) >= 0);
        tid = id;
        search = sch;
        pattern = sch.pattern();
        chunkStart = s.position() - n + 1;
        carried = 0;
        tailLength = 0;
        ByteBuf head = ctx.alloc().ioBuffer(512);
        MsrpCodec.encodeHead(s.head(id, chunkStart), head);
        ctx.write(head, quiet);
    }

    /**
     * Index of {@code -------<tid>} in the first {@code n} octets of {@code piece}, or -1. A pooled direct
     * buffer is read through its address, one octet in seven as {@link MsrpEndLineSearch} probes an
     * array (a hyphen run of seven covers every occurrence): as fast as the array search, about three
     * times the speed of reading the octets through a {@code ByteBuffer}.
     */
    static int indexIn(MsrpEndLineSearch s, byte[] p, ByteBuf piece, ByteBuffer view, int n) {
        return piece.hasMemoryAddress() ? BufferEndLineSearch.indexIn(s, p, piece, 0, n) : s.indexIn(view, 0, n);
    }

    /** True if {@code -------<tid>} lies in the piece or across the seam with the previous piece. */
    private boolean endLineIn(ByteBuf piece, ByteBuffer view, int n) {
        if (indexIn(search, pattern, piece, view, n) >= 0) {
            return true;
        }
        if (tailLength == 0) {
            return false;
        }
        int head = Math.min(n, search.length() - 1);
        System.arraycopy(tail, 0, seam, 0, tailLength);
        piece.getBytes(0, seam, tailLength, head);
        return search.indexIn(seam, 0, tailLength + head) >= 0;
    }

    /** Keeps the last {@code length - 1} octets written of the open transaction's body. */
    private void keepTail(ByteBuf piece, int n) {
        int keep = search.length() - 1;
        if (n >= keep) {
            piece.getBytes(n - keep, tail, 0, keep);
            tailLength = keep;
        } else {
            int old = Math.min(tailLength, keep - n);
            System.arraycopy(tail, tailLength - old, tail, 0, old);
            piece.getBytes(0, tail, old, n);
            tailLength = old + n;
        }
    }

    /**
     * Writes the end-line of the open transaction and reports it. With {@code +} the stream stays
     * open for its next transaction, or goes behind the waiting streams (round robin); with {@code $}
     * or {@code #} the connection is done with it.
     */
    private void endChunk(MsrpContinuation flag, MsrpStatus failure, String reason) {
        ByteBuf end = ctx.alloc().ioBuffer(40);
        MsrpCodec.endLine(tid, flag, end);
        ctx.write(end, quiet);
        ctx.flush(); // what follows starts records of its own (see MsrpEndpoint#initMsrp)
        OutgoingStream s = open;
        ChunkEnd e = new ChunkEnd(tid, chunkStart, carried, flag, failure, reason);
        tid = null;
        chunkStart = s.position() + 1;
        carried = 0;
        tailLength = 0;
        if (flag != MsrpContinuation.MORE) {
            open = null;
        } else if (!streams.isEmpty()) {
            // RFC 4975 §7.1.1: "If multiple SEND requests from different sessions are concurrently being
            // sent over the same connection, the device SHOULD implement some scheme to alternate between
            // them such that each concurrent request gets a chance to send some fair portion of data"
            streams.addLast(s);
            open = null;
        }
        s.report(e);
    }

    /** Hands the open stream back with {@code #} and no transaction open (none of it is on the wire now). */
    private void handBack(MsrpStatus failure, String reason) {
        OutgoingStream s = open;
        open = null;
        s.report(new ChunkEnd(null, s.position() + 1, 0, MsrpContinuation.ABORT, failure, reason));
    }
}
