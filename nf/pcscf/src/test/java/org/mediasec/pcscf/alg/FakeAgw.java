package org.mediasec.pcscf.alg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.h248.iq.IqCommands;
import org.mediasec.h248.iq.IqLocal;
import org.mediasec.h248.iq.IqReplies;
import org.mediasec.h248.iq.IqRequests;
import org.mediasec.h248.iq.IqTermination;
import org.mediasec.h248.iq.MediaEndpoint;
import org.mediasec.h248.text.H248TextCodec;
import org.mediasec.h248.text.Style;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TlsId;

/**
 * Stands in for the IMS-AGW: every H.248 action the ALG produces goes through the text codec (both styles)
 * and back, its terminations are read back with {@link IqRequests}, and the replies the AGW would send
 * (chosen address and port, its fingerprint) come back through the codec too.
 */
final class FakeAgw {
    static final CertificateFingerprint AGW_FP = CertificateFingerprint.parse(
            "sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0");
    static final CertificateFingerprint UE_FP = CertificateFingerprint.parse(
            "sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF");
    static final String ACCESS_IP = "203.0.113.5";
    static final String CORE_IP = "198.51.100.1";
    static final MId ALG = new MId.Domain("alg.example", 2944);
    static final MId AGW = new MId.Ip4("203.0.113.1", 2944);

    private long transactionId = 1;
    private int contexts;
    /** The text (compact style) of every request, in order. */
    final List<String> sent = new ArrayList<>();

    /** A deterministic source of tls-ids. */
    static java.util.function.Supplier<TlsId> tlsIds() {
        int[] n = {0};
        return () -> new TlsId(String.format("alg-tls-id-%010d", ++n[0]));
    }

    /** A deterministic source of MSRP session-ids for the AGW's URIs (MSRP-aware mode): agw1, agw2, ... */
    static java.util.function.Supplier<String> msrpSessionIds() {
        int[] n = {0};
        return () -> "agw" + (++n[0]);
    }

    /** The port the AGW chooses: 9 for a termination that connects (RFC 4145 §4.1), else 40000 + 2i (+1 core). */
    static int port(IqTermination t, int index, int side) {
        return t.setup() == Setup.ACTIVE ? 9 : 40000 + 2 * index + side;
    }

    Map<Integer, AgwReservation> reserve(IqPlan plan) {
        Map<Integer, AgwReservation> out = new LinkedHashMap<>();
        for (StreamPlan s : plan.streams()) {
            if (!s.reserves()) {
                continue;
            }
            ActionRequest req = viaText(s.reserve(IqCommands.DEFAULT));
            assertThat(IqRequests.DEFAULT.termination(req.commands().get(0))).isEqualTo(s.access());
            assertThat(IqRequests.DEFAULT.termination(req.commands().get(1))).isEqualTo(s.core());
            int ctx = ++contexts;
            IqLocal access = IqLocal.answer(s.access(), MediaEndpoint.of(ACCESS_IP, port(s.access(), s.index(), 0)),
                    s.access().terminatesTls() ? List.of(AGW_FP) : List.of());
            IqLocal core = IqLocal.answer(s.core(), MediaEndpoint.of(CORE_IP, port(s.core(), s.index(), 1)), List.of());
            ActionReply reply = ActionReply.of(ContextId.of(ctx),
                    IqReplies.reply(CommandKind.ADD, TerminationId.of("access/" + ctx), access, s.access().remote()),
                    IqReplies.reply(CommandKind.ADD, TerminationId.of("core/" + ctx), core, s.core().remote()));
            out.put(s.index(), AgwReservation.from(viaText(reply)));
        }
        return out;
    }

    /** Sends each update through the codec and checks the Modifies read back as the terminations. */
    List<ActionRequest> apply(AnswerResult r) {
        List<ActionRequest> out = new ArrayList<>();
        for (StreamUpdate u : r.updates()) {
            ActionRequest req = viaText(u.action(IqCommands.DEFAULT));
            if (!u.release()) {
                assertThat(req.commands()).extracting(CommandRequest::kind).containsExactly(CommandKind.MODIFY, CommandKind.MODIFY);
                assertThat(IqRequests.DEFAULT.termination(req.commands().get(0))).isEqualTo(u.core());
                assertThat(IqRequests.DEFAULT.termination(req.commands().get(1))).isEqualTo(u.access());
            } else {
                assertThat(req.commands()).extracting(CommandRequest::kind).containsExactly(CommandKind.SUBTRACT, CommandKind.SUBTRACT);
            }
            out.add(req);
        }
        return out;
    }

    ActionRequest viaText(ActionRequest a) {
        H248Message m = new H248Message(3, ALG, TransactionList.of(new Transaction.Request(transactionId++, List.of(a))));
        for (Style style : Style.values()) {
            String text = H248TextCodec.encodeToString(m, style);
            assertThat(H248TextCodec.decode(text).orThrow()).as("%s:\n%s", style, text).isEqualTo(m);
        }
        sent.add(H248TextCodec.encodeToString(m, Style.COMPACT));
        return a;
    }

    ActionReply viaText(ActionReply a) {
        H248Message m = new H248Message(3, AGW, TransactionList.of(new Transaction.Reply(transactionId, List.of(a))));
        for (Style style : Style.values()) {
            String text = H248TextCodec.encodeToString(m, style);
            H248Message back = H248TextCodec.decode(text).orThrow();
            assertThat(back).as("%s:\n%s", style, text).isEqualTo(m);
        }
        return a;
    }
}
