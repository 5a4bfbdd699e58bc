package org.mediasec.benchmarks;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpTransactionIds;
import org.mediasec.msrp.MsrpUri;

/** Inputs shared by the MSRP benchmarks: a file-transfer SEND chunk of a given size, seeded. */
public final class MsrpBenchData {
    public static final MsrpUri TO = MsrpUri.parse("msrps://127.0.0.1:40855/bob1;tcp");
    public static final MsrpUri FROM = MsrpUri.parse("msrps://127.0.0.1:40856/alice1;tcp");

    private MsrpBenchData() {
    }

    /** Random bytes (incompressible, like an encrypted or media file), seeded. */
    public static Bytes body(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return Bytes.of(b);
    }

    /**
     * A middle chunk of a file transfer as RFC 4975 §7.1 chunking produces it: Message-ID,
     * Byte-Range {@code start-end/total}, Content-Type, {@code +} continuation.
     */
    public static MsrpRequest sendChunk(Bytes body, long start, long total, MsrpContinuation flag, SplittableRandom random) {
        return new MsrpRequest(MsrpTransactionIds.chooseFor(body, random), MsrpMethod.SEND, List.of(TO), List.of(FROM),
                List.of(new MsrpHeader.MessageId("f1le0001msg"), MsrpHeader.ByteRange.ofChunk(start, body.size(), total)),
                Optional.of(MsrpContent.of("application/octet-stream", body)), flag);
    }
}
