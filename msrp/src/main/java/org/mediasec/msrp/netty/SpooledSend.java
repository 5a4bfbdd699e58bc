package org.mediasec.msrp.netty;

import java.nio.ByteBuffer;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;

/**
 * A received SEND whose body stayed in the connection's (pooled, direct) memory instead of becoming
 * the request's {@code Bytes}: what {@code MsrpFrameDecoder.withDirectBodies} passes to the session
 * layer for a large body, so that a spilled file chunk goes from the TLS handler's output to the
 * spill file without a heap array (no zeroing, no JDK temporary copy before {@code pwrite}).
 *
 * <p>{@code head} is the request as decoded with an empty body (start line, paths, headers,
 * continuation flag); {@code body} the octets between the empty line and the end-line. The decoder
 * produces one only for a body it searched whole and found free of {@code -------<tid>} (so RFC 4975
 * §7.1's "the end-line ... is not present in the body" holds as for an {@link MsrpRequest}); any
 * other body takes the ordinary path. Owns one reference to {@code body}: whoever takes the message
 * releases it, on every path (Netty's pipeline tail releases it if nobody does). The session layer
 * sees only the request, a {@code ByteBuffer} view of the body and a release action
 * ({@code DefaultMsrpSession.deliver}).
 */
public record SpooledSend(MsrpRequest head, ByteBuf body) implements ReferenceCounted {

    public SpooledSend {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(body, "body");
        if (!head.method().equals(MsrpMethod.SEND) || head.content().map(c -> c.data().size() != 0).orElse(false)) {
            throw new IllegalArgumentException("head: a SEND decoded with an empty body");
        }
    }

    /** The body's readable octets as a buffer of their own (position 0; reading it leaves {@code body} alone). */
    public ByteBuffer bodyBuffer() {
        return body.nioBuffer();
    }

    public int bodySize() {
        return body.readableBytes();
    }

    @Override
    public int refCnt() {
        return body.refCnt();
    }

    @Override
    public SpooledSend retain() {
        body.retain();
        return this;
    }

    @Override
    public SpooledSend retain(int increment) {
        body.retain(increment);
        return this;
    }

    @Override
    public SpooledSend touch() {
        body.touch();
        return this;
    }

    @Override
    public SpooledSend touch(Object hint) {
        body.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return body.release();
    }

    @Override
    public boolean release(int decrement) {
        return body.release(decrement);
    }
}
