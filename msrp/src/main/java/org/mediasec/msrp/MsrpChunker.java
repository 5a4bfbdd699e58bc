package org.mediasec.msrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.mediasec.common.Bytes;

/**
 * Splits a message body into SEND chunks (RFC 4975 §5.1, §7.1): each chunk has its own transaction
 * id (chosen so its end-line does not occur in its slice), the same Message-ID, a
 * {@code Byte-Range: start-end/total} of its slice, the same Content-Type and MIME headers, and
 * {@code +} on every chunk but the last, which has {@code $}.
 */
public final class MsrpChunker {
    private MsrpChunker() {
    }

    /**
     * @param headers   further headers every chunk carries (e.g. Success-Report, Failure-Report), in
     *                  order after Message-ID and Byte-Range; must not contain either of those two
     * @param chunkSize most body octets per chunk (RFC 4975 §7.1.1: the sender "MAY simply send chunks in
     *                  2048-octet increments until the final chunk"; a chunk larger than 2048 octets
     *                  must be interruptible)
     */
    public static List<MsrpRequest> split(List<MsrpUri> toPath, List<MsrpUri> fromPath, String messageId,
                                          MsrpContent content, List<MsrpHeader> headers, int chunkSize,
                                          RandomGenerator random) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(random, "random");
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize: " + chunkSize + " (expected: > 0)");
        }
        for (MsrpHeader h : headers) {
            if (h instanceof MsrpHeader.MessageId || h instanceof MsrpHeader.ByteRange) {
                throw new IllegalArgumentException("headers: " + h.name() + " is set per chunk");
            }
        }
        Bytes all = content.data();
        long total = all.size();
        List<MsrpRequest> out = new ArrayList<>();
        int off = 0;
        do {
            int len = Math.min(chunkSize, all.size() - off);
            Bytes slice = all.slice(off, len); // one copy per chunk, no clone of the whole body
            boolean last = off + len == all.size();
            out.add(chunk(toPath, fromPath, messageId,
                    new MsrpContent(content.contentType(), content.mimeHeaders(), slice), off + 1L, total, headers, last,
                    random));
            off += len;
        } while (off < all.size());
        return out;
    }

    /**
     * One SEND chunk of a message produced piece by piece (e.g. read from a file): Message-ID,
     * {@code Byte-Range: start-end/total} for the slice (total may be {@link MsrpHeader.ByteRange#UNKNOWN}),
     * then {@code headers}, the slice as content, {@code $} if {@code last} else {@code +}, and a
     * transaction id whose end-line does not occur in the slice. {@link #split} is this, applied to
     * consecutive slices.
     *
     * @param slice the chunk's octets with the message's Content-Type and MIME headers
     * @param start the 1-based position of the slice's first octet in the message
     */
    public static MsrpRequest chunk(List<MsrpUri> toPath, List<MsrpUri> fromPath, String messageId, MsrpContent slice,
                                    long start, long total, List<MsrpHeader> headers, boolean last,
                                    RandomGenerator random) {
        Objects.requireNonNull(slice, "slice");
        Objects.requireNonNull(random, "random");
        for (MsrpHeader h : headers) {
            if (h instanceof MsrpHeader.MessageId || h instanceof MsrpHeader.ByteRange) {
                throw new IllegalArgumentException("headers: " + h.name() + " is set per chunk");
            }
        }
        List<MsrpHeader> hs = new ArrayList<>(headers.size() + 2);
        hs.add(new MsrpHeader.MessageId(messageId));
        hs.add(MsrpHeader.ByteRange.ofChunk(start, slice.data().size(), total));
        hs.addAll(headers);
        return new MsrpRequest(MsrpTransactionIds.chooseFor(slice.data(), random), MsrpMethod.SEND, toPath, fromPath,
                hs, Optional.of(slice), last ? MsrpContinuation.COMPLETE : MsrpContinuation.MORE);
    }

    /**
     * True if the request's Byte-Range end (when known) agrees with its body length, as RFC 4975
     * §7.1.1 asks of a sender ("The range-end field SHOULD indicate the position of the last byte in the
     * body, if known"). Receivers should not reject on this alone: the RFC 4975 §4, §11.1, §11.2, §11.5
     * and §11.6 examples disagree with it (see corpus/msrp/README.md).
     */
    public static boolean byteRangeMatchesBody(MsrpRequest request) {
        return request.byteRange().map(r -> !r.endKnown() || r.length() == request.body().size()).orElse(true);
    }
}
