package org.mediasec.msrp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.SplittableRandom;

import io.netty.buffer.Unpooled;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpTransactionIds;

import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.codec.DecodeResult;
import org.mediasec.msrp.codec.MsrpCodec;

/**
 * Two in-memory connection ends for state-machine tests. Writes are recorded (after an encode/decode
 * round trip through the real codec, so everything sent is wire-valid) and delivered only when the
 * test calls {@link #deliver}; write completions run on {@link #completeWrites}.
 */
final class WirePair {
    final End a = new End("A");
    final End b = new End("B");
    MsrpSessionMachine machineA;
    MsrpSessionMachine machineB;

    final class End implements MsrpWire {
        final String name;
        final List<MsrpMessage> log = new ArrayList<>();
        final List<MsrpMessage> outbox = new ArrayList<>();
        final List<Consumer<Throwable>> completions = new ArrayList<>();
        final List<OutgoingStream> streams = new ArrayList<>();
        boolean writable = true;

        End(String name) {
            this.name = name;
        }

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public void write(MsrpMessage message, Consumer<Throwable> done) {
            byte[] bytes = MsrpCodec.toBytes(message).toByteArray();
            DecodeResult r = MsrpCodec.decode(Unpooled.wrappedBuffer(bytes));
            if (!(r instanceof DecodeResult.Ok ok)) {
                throw new AssertionError("not wire-valid: " + r + "\n" + new String(bytes));
            }
            log.add(ok.message());
            outbox.add(ok.message());
            completions.add(done);
        }

        /**
         * A stand-in for the connection's streaming (the real one, MsrpOutbound, has its own tests): each
         * call to {@link #completeWrites} writes the next transaction of each stream whole, at most
         * {@code maxBody} octets with range-end {@code *}, as a recorded request, and reports it.
         */
        @Override
        public void stream(OutgoingStream stream) {
            streams.add(stream);
            completions.add(cause -> {
            });
        }

        private void writeStreams() {
            List<OutgoingStream> now = new ArrayList<>(streams);
            streams.clear();
            for (OutgoingStream s : now) {
                long start = s.position() + 1;
                if (s.endRequested() != null) {
                    s.report(new ChunkEnd(null, start, 0, MsrpContinuation.ABORT, null, null));
                    continue;
                }
                int n = (int) Math.min(s.maxBody(), s.remaining());
                ByteBuffer body = ByteBuffer.allocate(n);
                try {
                    s.read(body);
                } catch (IOException e) {
                    s.report(new ChunkEnd(null, start, 0, MsrpContinuation.ABORT, MsrpStatus.UNINTELLIGIBLE, e.getMessage()));
                    continue;
                }
                Bytes data = Bytes.ownedBy(body.array());
                MsrpRequest head = s.head(MsrpTransactionIds.chooseFor(data, new SplittableRandom(start)), start);
                MsrpContent c = head.content().orElseThrow();
                MsrpContinuation flag = s.remaining() == 0 ? MsrpContinuation.COMPLETE : MsrpContinuation.MORE;
                write(new MsrpRequest(head.transactionId(), head.method(), head.toPath(), head.fromPath(), head.headers(),
                        Optional.of(new MsrpContent(c.contentType(), c.mimeHeaders(), data)), flag), cause -> {
                });
                s.report(new ChunkEnd(head.transactionId(), start, n, flag, null, null));
                if (flag == MsrpContinuation.MORE) {
                    streams.add(s);
                }
            }
        }

        @Override
        public String describe() {
            return "link-" + name;
        }

        List<MsrpRequest> requests() {
            return log.stream().filter(m -> m instanceof MsrpRequest).map(m -> (MsrpRequest) m).toList();
        }

        List<MsrpResponse> responses() {
            return log.stream().filter(m -> m instanceof MsrpResponse).map(m -> (MsrpResponse) m).toList();
        }

        /** Completes the writes recorded so far (successfully); writes they trigger stay pending. */
        void completeWrites() {
            List<Consumer<Throwable>> now = new ArrayList<>(completions);
            completions.clear();
            now.forEach(c -> c.accept(null));
            writeStreams();
        }
    }

    /** Delivers what {@code from} wrote to the other end's machine; true if anything moved. */
    boolean deliver(End from) {
        End to = from == a ? b : a;
        MsrpSessionMachine target = from == a ? machineB : machineA;
        boolean moved = false;
        while (!from.outbox.isEmpty()) {
            MsrpMessage m = from.outbox.remove(0);
            moved = true;
            if (target == null) {
                continue;
            }
            if (m instanceof MsrpRequest r) {
                target.onRequest(to, r);
            } else {
                target.onResponse((MsrpResponse) m);
            }
        }
        return moved;
    }

    /** Completes writes and delivers in both directions until nothing moves. */
    void settle() {
        boolean moved = true;
        while (moved) {
            a.completeWrites();
            b.completeWrites();
            moved = deliver(a) | deliver(b);
            moved |= !a.completions.isEmpty() || !b.completions.isEmpty();
        }
    }
}
