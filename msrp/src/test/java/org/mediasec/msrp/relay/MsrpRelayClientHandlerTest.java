package org.mediasec.msrp.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import org.junit.jupiter.api.Test;

import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.codec.DecodeResult;
import org.mediasec.msrp.codec.MsrpCodec;
import org.mediasec.msrp.netty.MsrpFrameDecoder;
import org.mediasec.msrp.netty.MsrpFrameError;
import org.mediasec.msrp.netty.MsrpMessageEncoder;
import org.mediasec.testkit.ManualTimerService;

/** The handler on a real MSRP pipeline (EmbeddedChannel): bytes out, bytes in, only its own responses taken. */
class MsrpRelayClientHandlerTest {
    final ManualTimerService timers = new ManualTimerService();

    EmbeddedChannel channel() {
        return new EmbeddedChannel(new MsrpFrameDecoder(), MsrpMessageEncoder.INSTANCE);
    }

    static MsrpRequest readRequest(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        try {
            return (MsrpRequest) ((DecodeResult.Ok) MsrpCodec.decode(out)).message();
        } finally {
            out.release();
        }
    }

    static void writeIn(EmbeddedChannel ch, String wire) {
        ch.writeInbound(Unpooled.copiedBuffer(wire, StandardCharsets.UTF_8));
    }

    static String wire(MsrpResponse r) {
        return MsrpCodec.toBytes(r).utf8();
    }

    MsrpRelayClientHandler attach(EmbeddedChannel ch) {
        return MsrpRelayClientHandler.attach(ch, MsrpRelayConfig.of(MsrpRelayClientTest.RELAY, MsrpRelayClientTest.ALICE,
                MsrpRelayClientTest.CREDS), timers, new SplittableRandom(1), MsrpRelayClient.Listener.NONE);
    }

    @Test
    void authenticatesOverThePipelineAndPassesOtherTrafficOn() {
        EmbeddedChannel ch = channel();
        MsrpRelayClientHandler h = attach(ch);
        assertThat(ch.pipeline().names()).containsSubsequence(ch.pipeline().context(MsrpFrameDecoder.class).name(),
                MsrpRelayClientHandler.NAME);
        CompletableFuture<RelayBinding> f = h.authenticate();
        ch.runPendingTasks();
        MsrpRequest auth1 = readRequest(ch);

        // an unrelated response and a SEND go past the handler
        String unrelated = wire(MsrpRelayClientTest.ok(auth1.withTransactionId("zzzz9999"), 10));
        writeIn(ch, unrelated);
        assertThat((Object) ch.readInbound()).isInstanceOf(MsrpResponse.class);

        writeIn(ch, wire(MsrpRelayClientTest.challenge(auth1, MsrpRelayClientTest.CHALLENGE)));
        assertThat((Object) ch.readInbound()).as("the 401 is consumed").isNull();
        MsrpRequest auth2 = readRequest(ch);
        assertThat(auth2.header(org.mediasec.msrp.MsrpHeader.Authorization.class)).isPresent();

        writeIn(ch, wire(MsrpRelayClientTest.ok(auth2, 600)));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(f.join().usePath()).containsExactly(MsrpRelayClientTest.USE_PATH);
        ch.finishAndReleaseAll();
    }

    @Test
    void malformedAnswerToOurAuthFailsIt() {
        EmbeddedChannel ch = channel();
        MsrpRelayClientHandler h = attach(ch);
        CompletableFuture<RelayBinding> f = h.authenticate();
        ch.runPendingTasks();
        MsrpRequest auth = readRequest(ch);
        // the shape of Kamailio 5.6.3's 423: a header line of NUL bytes
        writeIn(ch, "MSRP " + auth.transactionId() + " 423 Interval Out Of Bounds\r\nTo-Path: " + auth.fromPath().get(0)
                + "\r\nFrom-Path: " + auth.toPath().get(0) + "\r\n\0\0\0\0@\r\n-------" + auth.transactionId() + "$\r\n");
        assertThat(f).isCompletedExceptionally();
        assertThat((Object) ch.readInbound()).isNull();
        // a malformed frame of another transaction is passed on
        writeIn(ch, "MSRP abcd1234 200 OK\r\nTo-Path: x\r\n-------abcd1234$\r\n");
        assertThat((Object) ch.readInbound()).isInstanceOf(MsrpFrameError.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void closingTheChannelFailsTheExchange() {
        EmbeddedChannel ch = channel();
        MsrpRelayClientHandler h = attach(ch);
        CompletableFuture<RelayBinding> f = h.authenticate();
        ch.runPendingTasks();
        ch.close();
        assertThat(f).isCompletedExceptionally();
        assertThat(h.client().state()).isEqualTo(MsrpRelayClient.State.CLOSED);
        timers.advance(Duration.ofMinutes(1));
        ch.finishAndReleaseAll();
    }

    @Test
    void needsTheFrameDecoder() {
        EmbeddedChannel ch = new EmbeddedChannel(MsrpMessageEncoder.INSTANCE);
        assertThatThrownBy(() -> attach(ch)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MsrpFrameDecoder");
        ch.finishAndReleaseAll();
    }
}
