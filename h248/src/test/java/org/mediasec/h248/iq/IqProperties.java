package org.mediasec.h248.iq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mediasec.h248.iq.IqFixtures.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mediasec.common.Bytes;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandReply;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.LocalControlDescriptor;
import org.mediasec.h248.MediaDescriptor;
import org.mediasec.h248.PropertyParm;
import org.mediasec.h248.SdpBlock;
import org.mediasec.h248.StreamDescriptor;
import org.mediasec.h248.StreamMode;
import org.mediasec.h248.StreamParms;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TlsId;
import org.mediasec.testkit.Seeds;

/**
 * Generated specs round-trip through both text styles and the readers; readers given any mix of valid
 * and invalid SDP lines either read a termination (which then round-trips) or throw an
 * {@link IqException}, never anything else. {@code -Dmediasec.seed=N} replays a case.
 */
@Tag("proposal-h248-security")
class IqProperties {

    static LongStream seeds() {
        return Seeds.seeds();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void generatedTerminationsRoundTrip(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        IqTermination spec = r.nextBoolean() ? tls(r) : plain(r);
        CommandRequest add = new IqCommands(PSK_PROFILE).add(TerminationId.of("t/" + r.nextInt(1000)), spec);
        Style style = r.nextBoolean() ? Style.PRETTY : Style.COMPACT;
        String text = H248TextCodec.encodeToString(request(ALG, r.nextLong(0, 0xFFFF_FFFFL),
                ActionRequest.of(ContextId.CHOOSE, add)), style);
        CommandRequest back = IqRoundTripTest.firstCommand(H248TextCodec.decode(text).orThrow());
        assertThat(new IqRequests(PSK_PROFILE).termination(back)).as("seed=%d\n%s", seed, text).isEqualTo(spec);
    }

    static final String[] LINES = {"v=0", "v=1", "c=IN IP4 $", "c=IN IP4 -", "c=IN IP6 2001:db8::1", "c=IN IP4 192.0.2.1",
        "c=IN IP4", "m=message $ TCP/TLS/MSRP *", "m=message - TCP *", "m=message 9 TCP/MSRP", "m=image 0 UDP/DTLS t38",
        "m=image $ UDP t38", "m=audio 7 RTP/AVP 0", "m=x 1 FOO/BAR *", "m=application 99999 TCP/TLS/BFCP *",
        "m=message $ TCP/TLS *", "a=setup:active", "a=setup:passive", "a=setup:actpass", "a=setup:bogus", "a=setup",
        "a=fingerprint:$", "a=fingerprint:sha-256 AA:BB", "a=fingerprint:bad", "a=fingerprint", "a=fingerprint: sha-1 01:02",
        "a=tls-id:abc3de65cddef001be82", "a=tls-id:x", "a=tls-id:$", "a=msrp-cema", "s=-", "o=- 1 1 IN IP4 $", "garbage",
        "a=", "t=0 0", "b=AS:64"};

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void readersThrowOnlyIqExceptionsOnAnySdp(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        SdpBlock local = r.nextInt(8) == 0 ? null : block(r);
        SdpBlock remote = r.nextBoolean() ? null : block(r);
        List<PropertyParm> props = new ArrayList<>();
        if (r.nextInt(4) == 0) {
            props.add(PropertyParm.of("xmrfp/psk", r.nextBoolean() ? "00ff" : "0g"));
        }
        if (r.nextInt(4) == 0) {
            props.add(PropertyParm.of("xmrfp/pskid", r.nextBoolean() ? "01" : "abc"));
        }
        StreamMode mode = r.nextBoolean() ? StreamMode.INACTIVE : null;
        LocalControlDescriptor lc = props.isEmpty() && mode == null ? null
                : new LocalControlDescriptor(mode, null, null, props);
        if (local == null && remote == null && lc == null) {
            lc = LocalControlDescriptor.mode(StreamMode.SEND_RECEIVE);
        }
        StreamParms p = new StreamParms(lc, local, remote, null);
        CommandRequest c = CommandRequest.of(CommandKind.ADD, TerminationId.CHOOSE,
                MediaDescriptor.of(new StreamDescriptor(1, p)));
        IqRequests reader = new IqRequests(PSK_PROFILE);
        String what = "seed=" + seed + " local=" + local + " remote=" + remote + " lc=" + lc;
        try {
            IqTermination t = reader.termination(c);
            // what was read codes back to something that reads the same
            assertThat(reader.termination(new IqCommands(PSK_PROFILE).add(t))).as(what).isEqualTo(t);
        } catch (IqException expected) {
            assertThat(expected.errorCode().code()).as(what).isBetween(400, 599);
            assertThat(expected.errorDescriptor()).isNotNull();
        } catch (RuntimeException e) {
            throw new AssertionError(what, e);
        }
        try {
            reader.remote(c);
        } catch (IqException expected) {
            // fine
        } catch (RuntimeException e) {
            throw new AssertionError(what, e);
        }
        CommandReply reply = CommandReply.of(CommandKind.ADD, TerminationId.of("t/1"), MediaDescriptor.of(
                new StreamDescriptor(1, new StreamParms(null, local == null ? SdpBlock.of("v=0") : local, null, null))));
        try {
            IqReplies.local(reply);
        } catch (IqException expected) {
            // fine
        } catch (RuntimeException e) {
            throw new AssertionError(what, e);
        }
    }

    private static SdpBlock block(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(7);
        for (int i = 0; i < n; i++) {
            sb.append(LINES[r.nextInt(LINES.length)]).append('\n');
        }
        return SdpBlock.of(sb.toString());
    }

    private static TlsTermination tls(SplittableRandom r) {
        Proto proto = IqTermination.TLS_PROTOS.get(r.nextInt(IqTermination.TLS_PROTOS.size()));
        String media = proto.isBfcp() ? "application" : proto.isUdp() ? "image" : "message";
        TlsTermination.Builder b = TlsTermination.builder(media, proto, proto.isUdp() ? "t38" : "*")
                .local(endpoint(r, true)).mode(mode(r)).events(events(r));
        b.setup(proto.isTcp() || r.nextBoolean() ? (r.nextBoolean() ? Setup.ACTIVE : Setup.PASSIVE) : null);
        if (r.nextInt(5) == 0) {
            b.psk(new TlsPsk(Bytes.of(bytes(r, 1 + r.nextInt(32))), Bytes.of(bytes(r, 1 + r.nextInt(16)))));
        } else {
            b.requestLocalFingerprint(r.nextBoolean());
        }
        if (r.nextBoolean()) {
            b.localTlsId(TlsId.random(r));
        }
        if (r.nextBoolean()) {
            List<CertificateFingerprint> fps = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                fps.add(new CertificateFingerprint(r.nextBoolean() ? "sha-256" : "sha-1", Bytes.of(bytes(r, 20))));
            }
            Setup own = b.build().setup();
            b.remote(new RemoteMedia(endpoint(r, false), peerSetup(r, own), fps, r.nextBoolean() ? TlsId.random(r) : null));
        }
        return b.build();
    }

    private static PlainTermination plain(SplittableRandom r) {
        Proto proto = IqTermination.PLAIN_PROTOS.get(r.nextInt(IqTermination.PLAIN_PROTOS.size()));
        Setup setup = proto.isTcp() ? (r.nextBoolean() ? Setup.ACTIVE : Setup.PASSIVE) : null;
        RemoteMedia remote = r.nextBoolean() ? null : new RemoteMedia(endpoint(r, false), proto.isTcp() ? peerSetup(r, setup) : null,
                List.of(), null);
        String media = proto.name().startsWith("RTP") ? "audio" : proto.isUdp() ? "image" : "message";
        return new PlainTermination(media, proto, List.of(proto.name().startsWith("RTP") ? "0" : "*"), endpoint(r, true),
                setup, remote, mode(r), events(r));
    }

    private static MediaEndpoint endpoint(SplittableRandom r, boolean mayChoose) {
        if (mayChoose && r.nextBoolean()) {
            return r.nextBoolean() ? MediaEndpoint.choose() : MediaEndpoint.chooseIp6();
        }
        String host = r.nextBoolean() ? "192.0.2." + r.nextInt(256) : "2001:db8::" + Integer.toHexString(r.nextInt(0xFFFF));
        return MediaEndpoint.of(host, r.nextInt(65536));
    }

    private static Setup setup(SplittableRandom r) {
        Setup[] all = Setup.values();
        return r.nextInt(all.length + 1) == 0 ? null : all[r.nextInt(all.length)];
    }

    /** A peer role that does not clash with the MG's ({@code own}). */
    private static Setup peerSetup(SplittableRandom r, Setup own) {
        Setup s = setup(r);
        return s != null && s == own && (s == Setup.ACTIVE || s == Setup.PASSIVE) ? Setup.ACTPASS : s;
    }

    private static StreamMode mode(SplittableRandom r) {
        return r.nextBoolean() ? null : StreamMode.values()[r.nextInt(StreamMode.values().length)];
    }

    private static IqEvents events(SplittableRandom r) {
        return r.nextBoolean() ? null : new IqEvents(r.nextLong(0, 0xFFFF_FFFFL + 1), r.nextBoolean());
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}
