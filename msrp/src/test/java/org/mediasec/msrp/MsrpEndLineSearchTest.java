package org.mediasec.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mediasec.common.Bytes;

/** The hyphen-probing end-line search agrees with the naive scan it replaced, on inputs full of near-misses. */
class MsrpEndLineSearchTest {
    /** An alphabet that makes partial end-lines, other ids' end-lines and flags frequent. */
    private static final byte[] ALPHABET = "-------abcdeXx$+#\r\n".getBytes(StandardCharsets.US_ASCII);

    static int naiveIndexOf(byte[] a, int from, int to, byte[] p) {
        outer:
        for (int i = Math.max(from, 0); i + p.length <= to; i++) {
            for (int k = 0; k < p.length; k++) {
                if (a[i + k] != p[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The end-line check as MsrpTransactionIds did it before MsrpEndLineSearch. */
    static boolean naiveOccursIn(String tid, byte[] body) {
        byte[] p = ("-------" + tid).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= body.length - p.length - 1; i++) {
            if (naiveIndexOf(body, i, i + p.length, p) == i && MsrpContinuation.fromFlag(body[i + p.length]) != null) {
                return true;
            }
        }
        return false;
    }

    static byte[] nearMisses(SplittableRandom r, int n, String tid) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        // plant whole and partial patterns, and patterns of ids sharing a prefix with tid
        String[] plants = {"-------" + tid, "------" + tid, "-------" + tid.substring(0, tid.length() - 1),
                "-------" + tid + "e", "\r\n-------" + tid, "-------" + tid.substring(1)};
        for (int k = r.nextInt(4); k > 0; k--) {
            byte[] p = plants[r.nextInt(plants.length)].getBytes(StandardCharsets.US_ASCII);
            if (p.length <= n) {
                System.arraycopy(p, 0, b, r.nextInt(n - p.length + 1), p.length);
            }
        }
        return b;
    }

    @Test
    void indexInAgreesWithTheNaiveSearchForEveryRange() {
        SplittableRandom r = new SplittableRandom(4975);
        for (String tid : new String[] {"abcd", "abcde", "d-cb", "a", "aXaa", "--a-"}) {
            MsrpEndLineSearch s = MsrpEndLineSearch.of(tid);
            byte[] p = ("-------" + tid).getBytes(StandardCharsets.US_ASCII);
            assertThat(s.length()).isEqualTo(p.length);
            for (int round = 0; round < 300; round++) {
                byte[] a = nearMisses(r, r.nextInt(0, 60), tid);
                Bytes bytes = Bytes.of(a);
                java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(a.length).put(a);
                java.nio.ByteBuffer little = java.nio.ByteBuffer.allocateDirect(a.length).order(java.nio.ByteOrder.LITTLE_ENDIAN).put(a);
                for (int from = 0; from <= a.length; from++) {
                    for (int to = from; to <= a.length; to++) {
                        int want = naiveIndexOf(a, from, to, p);
                        assertThat(s.indexIn(a, from, to)).as("%s [%d,%d)", tid, from, to).isEqualTo(want);
                        assertThat(s.indexIn(bytes, from, to)).as("%s [%d,%d) Bytes", tid, from, to).isEqualTo(want);
                        assertThat(s.indexIn(direct, from, to)).as("%s [%d,%d) direct", tid, from, to).isEqualTo(want);
                        assertThat(s.indexIn(little, from, to)).as("%s [%d,%d) little-endian", tid, from, to).isEqualTo(want);
                    }
                }
            }
        }
    }

    @Test
    void longIdsInLongBodiesAgreeWithTheNaiveSearch() {
        // ids of the length MsrpTransactionIds.random makes (23-octet patterns), in bodies of up to 300 octets
        SplittableRandom r = new SplittableRandom(4977);
        for (String tid : new String[] {"abcdeXxabcdeXxab", "aaaaaaaaaaaaaaaa", "X-x-X-x-X-x-X-x-"}) {
            MsrpEndLineSearch s = MsrpEndLineSearch.of(tid);
            byte[] p = ("-------" + tid).getBytes(StandardCharsets.US_ASCII);
            for (int round = 0; round < 400; round++) {
                byte[] a = nearMisses(r, r.nextInt(0, 300), tid);
                java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(a.length).put(a);
                for (int k = 0; k < 40; k++) {
                    int from = r.nextInt(0, a.length + 1);
                    int to = r.nextInt(from, a.length + 1);
                    int want = naiveIndexOf(a, from, to, p);
                    assertThat(s.indexIn(a, from, to)).as("%s [%d,%d)", tid, from, to).isEqualTo(want);
                    assertThat(s.indexIn(direct, from, to)).as("%s [%d,%d) direct", tid, from, to).isEqualTo(want);
                }
            }
        }
    }

    @Test
    void occursInAgreesWithTheNaiveCheck() {
        SplittableRandom r = new SplittableRandom(4976);
        int hits = 0;
        for (int round = 0; round < 20_000; round++) {
            String tid = round % 2 == 0 ? "abcd" : "abcde";
            byte[] body = nearMisses(r, r.nextInt(0, 80), tid);
            boolean want = naiveOccursIn(tid, body);
            hits += want ? 1 : 0;
            assertThat(MsrpTransactionIds.endLineOccursIn(tid, Bytes.of(body))).as("%s in %s", tid, Bytes.of(body)).isEqualTo(want);
        }
        assertThat(hits).as("the generator produces end-lines too").isGreaterThan(100);
    }

    @Test
    void flagMustFollowInsideTheBody() {
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", Bytes.utf8("x-------abcd"))).isFalse();
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", Bytes.utf8("x-------abcd$"))).isTrue();
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", Bytes.utf8("-------abcd#"))).isTrue();
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", Bytes.utf8("-------abcdX-------abcd+"))).isTrue();
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", Bytes.utf8("-------abcde$"))).isFalse();
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", Bytes.EMPTY)).isFalse();
    }

    @Test
    void largeRandomBodyWithTheEndLineAtTheVeryEnd() {
        byte[] b = new byte[65536 + 12];
        new SplittableRandom(1).nextBytes(b);
        byte[] el = "-------abcd$".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(el, 0, b, 65536, el.length);
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", Bytes.of(b))).isTrue();
        assertThat(MsrpEndLineSearch.of("abcd").indexIn(b, 0, b.length)).isEqualTo(naiveIndexOf(b, 0, b.length,
                "-------abcd".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aPairProvenByChooseForIsTheOnlyOneAnsweredWithoutASearch() {
        Bytes body = Bytes.utf8("x\r\n-------abcd$\r\n-------abcd+y");
        String id = MsrpTransactionIds.chooseFor(body, new SplittableRandom(7));
        // another id whose end-line is in the body: still found, and the remembered pair is dropped
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", body)).isTrue();
        assertThat(MsrpTransactionIds.endLineOccursIn(id, body)).isFalse();
        // an equal but distinct body is searched, not recognised
        Bytes copy = Bytes.of(body.toByteArray());
        String id2 = MsrpTransactionIds.chooseFor(body, new SplittableRandom(8));
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", copy)).isTrue();
        assertThat(MsrpTransactionIds.endLineOccursIn(id2, body)).isFalse();
        // the request the chunker builds right after chooseFor
        String id3 = MsrpTransactionIds.chooseFor(body, new SplittableRandom(9));
        MsrpRequest r = new MsrpRequest(id3, MsrpMethod.SEND, java.util.List.of(MsrpUri.parse("msrp://a.example.com:1/s;tcp")),
                java.util.List.of(MsrpUri.parse("msrp://b.example.com:1/s;tcp")), java.util.List.of(),
                java.util.Optional.of(MsrpContent.of("text/plain", body)), MsrpContinuation.COMPLETE);
        assertThat(r.body()).isSameAs(body);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.withTransactionId("abcd"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end-line");
    }

    /** A stream decoder's proof (MsrpTransactionIds.provenFree) answers exactly one check of exactly that pair. */
    @Test
    void aPairProvenByTheDecoderIsAnsweredOnceWithoutASearch() {
        Bytes clean = Bytes.utf8("no end-line here");
        MsrpTransactionIds.provenFree("abcd", clean);
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", clean)).isFalse();
        // another body with the same id is searched (and the proof is gone)
        Bytes dirty = Bytes.utf8("x-------abcd$y");
        MsrpTransactionIds.provenFree("abcd", clean);
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", dirty)).isTrue();
        assertThat(MsrpTransactionIds.endLineOccursIn("abcd", dirty)).isTrue();
    }
}
