package org.mediasec.msrp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.Bytes;
import org.mediasec.testkit.Seeds;

class MsrpChunkerTest {
    static final List<MsrpUri> TO = List.of(MsrpUri.parse("msrp://b.example.com:1/s;tcp"));
    static final List<MsrpUri> FROM = List.of(MsrpUri.parse("msrp://a.example.com:1/s;tcp"));

    static LongStream seeds() {
        return Seeds.seeds();
    }

    @Test
    void splitsIntoContiguousRanges() {
        List<MsrpRequest> chunks = MsrpChunker.split(TO, FROM, "msg00001", MsrpContent.text("abcdefgh"),
                List.of(MsrpHeader.SuccessReport.YES), 3, new SplittableRandom(7));
        assertThat(chunks).extracting(c -> c.byteRange().orElseThrow().value()).containsExactly("1-3/8", "4-6/8", "7-8/8");
        assertThat(chunks).extracting(MsrpRequest::continuation)
                .containsExactly(MsrpContinuation.MORE, MsrpContinuation.MORE, MsrpContinuation.COMPLETE);
        assertThat(chunks).extracting(c -> c.body().utf8()).containsExactly("abc", "def", "gh");
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.messageId()).contains(new MsrpHeader.MessageId("msg00001"));
            assertThat(c.successReport()).isTrue();
            assertThat(MsrpChunker.byteRangeMatchesBody(c)).isTrue();
        });
        assertThat(chunks).extracting(MsrpRequest::transactionId).doesNotHaveDuplicates();
    }

    @Test
    void emptyBodyIsOneChunk() {
        List<MsrpRequest> chunks = MsrpChunker.split(TO, FROM, "msg00001", MsrpContent.text(""), List.of(), 10, new SplittableRandom(1));
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.byteRange().orElseThrow().value()).isEqualTo("1-0/0");
            assertThat(c.continuation()).isEqualTo(MsrpContinuation.COMPLETE);
        });
    }

    @Test
    void rejectsPerChunkHeadersAndBadSize() {
        assertThatThrownBy(() -> MsrpChunker.split(TO, FROM, "msg00001", MsrpContent.text("x"),
                List.of(MsrpHeader.ByteRange.whole(1)), 10, new SplittableRandom(1))).hasMessageContaining("per chunk");
        assertThatThrownBy(() -> MsrpChunker.split(TO, FROM, "msg00001", MsrpContent.text("x"), List.of(), 0,
                new SplittableRandom(1))).hasMessageContaining("chunkSize");
    }

    @Test
    void byteRangeMismatchIsDetected() {
        MsrpRequest r = MsrpRequest.send("abcd", TO, FROM, "msg00001", MsrpContent.text("abc"))
                .withHeader(new MsrpHeader.ByteRange(1, 25, 25));
        assertThat(MsrpChunker.byteRangeMatchesBody(r)).isFalse();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void chunksReassembleToTheBody(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Bytes body = MsrpGen.body(r);
        int size = r.nextInt(1, 600);
        List<MsrpRequest> chunks = MsrpChunker.split(TO, FROM, "msg00001", MsrpContent.of("application/octet-stream", body),
                List.of(), size, r);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long next = 1;
        for (MsrpRequest c : chunks) {
            MsrpHeader.ByteRange br = c.byteRange().orElseThrow();
            assertThat(br.start()).as("seed=%d", seed).isEqualTo(next);
            assertThat(br.total()).isEqualTo(body.size());
            assertThat(c.body().size()).isLessThanOrEqualTo(size);
            out.writeBytes(c.body().toByteArray());
            next = br.nextStart();
        }
        assertThat(Bytes.of(out.toByteArray())).as("seed=%d", seed).isEqualTo(body);
        assertThat(chunks.get(chunks.size() - 1).byteRange().orElseThrow().reachesTotal()).isTrue();
    }
}
