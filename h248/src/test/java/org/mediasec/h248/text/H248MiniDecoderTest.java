package org.mediasec.h248.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import java.util.List;

import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;

class H248MiniDecoderTest {

    @Test
    void recoversHeaderAndTransactionOfABrokenRequest() {
        assertThat(H248MiniDecoder.recover("MEGACO/1 [124.124.124.222]:55555\nTransaction = 9998 { Context = - { !!!"))
                .isEqualTo(new RecoveredHeader(1, new MId.Ip4("124.124.124.222", 55555), 9998L, true));
        assertThat(H248MiniDecoder.recover("!/3 <mgc.example>:2944 T=17{garbage".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(new RecoveredHeader(3, new MId.Domain("mgc.example", 2944), 17L, true));
    }

    @Test
    void recoversRepliesAndSegmentedIdsAsNotRequests() {
        assertThat(H248MiniDecoder.recover("!/3 [::1]:2944 P=5/2/END{C=1{X"))
                .isEqualTo(new RecoveredHeader(3, new MId.Ip6("::1", 2944), 5L, false));
    }

    @Test
    void recoversAsMuchAsItCan() {
        assertThat(H248MiniDecoder.recover("MEGACO/2 mg1 Bogus = 5")).isEqualTo(new RecoveredHeader(2, new MId.Device("mg1"), null, false));
        assertThat(H248MiniDecoder.recover("MEGACO/9 [1.2.3.4] T=1")).isEqualTo(new RecoveredHeader(9, new MId.Ip4("1.2.3.4", null), 1L, true));
        assertThat(H248MiniDecoder.recover("MEGACO/1 [1.2.3")).isEqualTo(new RecoveredHeader(1, null, null, false));
        assertThat(H248MiniDecoder.recover("HTTP/1.1 200 OK")).isEqualTo(RecoveredHeader.NONE);
        assertThat(H248MiniDecoder.recover("")).isEqualTo(RecoveredHeader.NONE);
        assertThat(H248MiniDecoder.recover(new byte[] {0, 1, 2, (byte) 0xff})).isEqualTo(RecoveredHeader.NONE);
    }

    @Test
    void errorReplyAnswersTheRecoveredRequestWith403() {
        MId me = new MId.Ip4("124.124.124.222", 55555);
        DecodeResult.Malformed bad = (DecodeResult.Malformed) H248TextCodec.decode(
                "MEGACO/1 [123.123.123.4]:55555\nTransaction = 9999 { Context = - { Modify = A4444 { Bogus } } }");
        H248Message reply = H248MiniDecoder.errorReply(bad, me, 3);
        assertThat(reply.version()).isEqualTo(1);
        Transaction.Reply r = (Transaction.Reply) ((TransactionList) reply.body()).transactions().get(0);
        assertThat(r.id()).isEqualTo(9999);
        assertThat(r.error().code()).isEqualTo(ErrorCode.SYNTAX_ERROR_IN_TRANSACTION_REQUEST);
        // and it is a message we can send and the peer can read
        for (Style s : Style.values()) {
            assertThat(H248TextCodec.decode(H248TextCodec.encode(reply, s))).isEqualTo(new DecodeResult.Ok(reply));
        }
    }

    @Test
    void errorReplyIsMessageLevelWithoutATransactionAnd406InOurVersion() {
        MId me = new MId.Domain("agw.example", 2944);
        DecodeResult.Malformed v9 = (DecodeResult.Malformed) H248TextCodec.decode("MEGACO/9 [1.2.3.4] P=5{C=-{MV=a}}");
        H248Message reply = H248MiniDecoder.errorReply(v9, me, 3);
        assertThat(reply.version()).isEqualTo(3);
        assertThat(reply.body()).isInstanceOf(ErrorDescriptor.class);
        assertThat(((ErrorDescriptor) reply.body()).code()).isEqualTo(ErrorCode.VERSION_NOT_SUPPORTED);
        DecodeResult.Malformed garbage = (DecodeResult.Malformed) H248TextCodec.decode("\"garbage\" {");
        assertThat(H248MiniDecoder.errorReply(garbage, me, 2).body()).isInstanceOf(ErrorDescriptor.class);
        DecodeResult.Malformed control = (DecodeResult.Malformed) H248TextCodec.decode(
                "!/1 [1.2.3.4] T=7{C=-{\u0001\u00ff\"}}");
        H248Message r = H248MiniDecoder.errorReply(control, me, 1);
        assertThat(H248TextCodec.decode(H248TextCodec.encode(r, Style.COMPACT))).isEqualTo(new DecodeResult.Ok(r));
    }
}
