package org.mediasec.h248.iq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mediasec.common.Bytes;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.StreamMode;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.TimeNotation;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TlsId;

/** Terminations of every profile row, and the e2ae MSRP UE-originated exchange of docs/iq-profile.md. */
final class IqFixtures {
    static final CertificateFingerprint UE_FP = CertificateFingerprint.parse(
            "sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF");
    static final CertificateFingerprint UE_FP_SHA1 = CertificateFingerprint.parse(
            "sha-1 D1:3F:1F:5E:1B:4C:3B:0E:44:52:A0:8A:19:9B:B4:1D:12:7F:0A:33");
    static final CertificateFingerprint AGW_FP = CertificateFingerprint.parse(
            "sha-256 12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0");
    static final TlsId ALG_TLS_ID = new TlsId("dGxzLWlkLWNob3Nlbi1ieS10aGUtQUxH");
    static final TlsId UE_TLS_ID = new TlsId("abc3de65cddef001be82");
    /** Test-only PSK property names (no standard names exist; docs/iq-profile.md, row "Pre-Shared Key"). */
    static final IqProfile PSK_PROFILE = IqProfile.withPsk("xmrfp/psk", "xmrfp/pskid");
    static final MId ALG = new MId.Domain("alg.example", 2944);
    static final MId AGW = new MId.Ip4("203.0.113.1", 2944);
    static final TimeNotation TIME = TimeNotation.parse("20261127T09000000");

    private IqFixtures() {
    }

    /** One termination per profile row, by name. */
    static Map<String, IqTermination> terminations() {
        Map<String, IqTermination> m = new LinkedHashMap<>();
        m.put("msrp-access-ue-active", TlsTermination.msrp(Setup.PASSIVE)
                .remote(RemoteMedia.of("192.0.2.10", 7394, Setup.ACTIVE, UE_FP))
                .mode(StreamMode.INACTIVE).events(IqEvents.failuresAndHeartbeat(2001)).build());
        m.put("msrp-access-agw-client", TlsTermination.msrp(Setup.ACTIVE).requestLocalFingerprint(false)
                .local(MediaEndpoint.of("203.0.113.5", 40000))
                .remote(RemoteMedia.of("192.0.2.10", 7394, Setup.PASSIVE, UE_FP, UE_FP_SHA1))
                .mode(StreamMode.SEND_RECEIVE).events(IqEvents.failures(2003)).build());
        m.put("msrp-access-terminating-no-remote", TlsTermination.msrp(Setup.PASSIVE).build());
        m.put("msrp-access-cema", TlsTermination.msrpAgnostic(Setup.PASSIVE)
                .remote(RemoteMedia.of("192.0.2.10", 9, Setup.ACTIVE, UE_FP)).build());
        m.put("bfcp-access", TlsTermination.bfcp(Setup.PASSIVE)
                .remote(RemoteMedia.of("192.0.2.10", 50000, Setup.ACTIVE, UE_FP)).events(IqEvents.failures(7)).build());
        m.put("t38-access-reserve", TlsTermination.t38().events(IqEvents.failures(2003)).build());
        m.put("t38-access-establish", TlsTermination.t38().setup(Setup.ACTIVE).requestLocalFingerprint(false)
                .local(MediaEndpoint.of("203.0.113.5", 40002))
                .remote(RemoteMedia.of("192.0.2.10", 5004, Setup.PASSIVE, UE_FP).withTlsId(UE_TLS_ID))
                .localTlsId(ALG_TLS_ID).mode(StreamMode.SEND_RECEIVE).build());
        m.put("t38-access-udptl-proto", TlsTermination.builder("image", Proto.UDP_TLS_UDPTL, "t38")
                .requestLocalFingerprint(true).build());
        m.put("msrp-access-ip6", TlsTermination.msrp(Setup.PASSIVE).local(MediaEndpoint.chooseIp6())
                .remote(RemoteMedia.of("2001:db8::10", 7394, Setup.ACTIVE, UE_FP)).build());
        m.put("msrp-core-aware", PlainTermination.msrpCore(MsrpHandling.APPLICATION_AWARE, Setup.ACTIVE)
                .withMode(StreamMode.INACTIVE).withEvents(IqEvents.failuresAndHeartbeat(2002)));
        m.put("msrp-core-agnostic", PlainTermination.msrpCore(MsrpHandling.APPLICATION_AGNOSTIC, Setup.ACTIVE)
                .withRemote(RemoteMedia.of("198.51.100.7", 2855, Setup.PASSIVE)));
        m.put("bfcp-core", PlainTermination.bfcpCore(Setup.ACTIVE));
        m.put("t38-core", PlainTermination.t38Core().withRemote(RemoteMedia.of("198.51.100.7", 6000, null)));
        m.put("pass-through-access", PlainTermination.passThrough("message", Setup.PASSIVE)
                .withRemote(RemoteMedia.of("192.0.2.10", 9, Setup.ACTIVE)).withEvents(IqEvents.failures(5)));
        m.put("pass-through-core", PlainTermination.passThrough("message", Setup.ACTIVE));
        m.put("pass-through-srtp", PlainTermination.of("audio", Proto.RTP_SAVP, null, "0", "8")
                .withRemote(RemoteMedia.of("192.0.2.10", 49170, null)));
        return m;
    }

    /** Mp: the MRFP terminates TLS with a PSK (needs {@link #PSK_PROFILE}). */
    static TlsTermination mrfpPsk() {
        return TlsTermination.msrp(Setup.PASSIVE).psk(new TlsPsk(Bytes.fromHex("00112233445566778899aabbccddeeff"),
                        Bytes.utf8("ticket-1")))
                .remote(RemoteMedia.of("192.0.2.10", 7394, Setup.ACTIVE)).events(IqEvents.failures(11)).build();
    }

    static H248Message request(MId from, long transactionId, ActionRequest... actions) {
        return new H248Message(3, from, TransactionList.of(new Transaction.Request(transactionId, List.of(actions))));
    }

    static H248Message reply(MId from, long transactionId, ActionReply... actions) {
        return new H248Message(3, from, TransactionList.of(new Transaction.Reply(transactionId, List.of(actions))));
    }

    // ---- the e2ae MSRP UE-originated sequence (docs/iq-profile.md §3) ----

    static final TerminationId ACCESS = TerminationId.of("access/1");
    static final TerminationId CORE = TerminationId.of("core/2");
    static final ContextId CONTEXT = ContextId.of(1);

    static TlsTermination access() {
        return (TlsTermination) terminations().get("msrp-access-ue-active");
    }

    static PlainTermination core() {
        return (PlainTermination) terminations().get("msrp-core-aware");
    }

    /** The sequence: name → message, in order. */
    static Map<String, H248Message> e2aeSequence() {
        Map<String, H248Message> s = new LinkedHashMap<>();
        IqCommands cmd = IqCommands.DEFAULT;
        s.put("1-add-access", request(ALG, 1001, ActionRequest.of(ContextId.CHOOSE, cmd.add(access()))));
        IqLocal accessLocal = IqLocal.answer(access(), MediaEndpoint.of("203.0.113.5", 40000), List.of(AGW_FP));
        s.put("2-reply-access", reply(AGW, 1001, ActionReply.of(CONTEXT,
                IqReplies.reply(CommandKind.ADD, ACCESS, accessLocal, access().remote()))));
        s.put("3-add-core", request(ALG, 1002, ActionRequest.of(CONTEXT, cmd.add(core()))));
        IqLocal coreLocal = IqLocal.answer(core(), MediaEndpoint.of("198.51.100.1", 40001), List.of());
        s.put("4-reply-core", reply(AGW, 1002, ActionReply.of(CONTEXT, IqReplies.reply(CommandKind.ADD, CORE, coreLocal))));
        PlainTermination coreAnswered = core().withLocal(coreLocal.endpoint()).withMode(StreamMode.SEND_RECEIVE)
                .withRemote(RemoteMedia.of("198.51.100.7", 2855, Setup.PASSIVE)).withEvents(null);
        TlsTermination accessOpen = access().toBuilder().local(accessLocal.endpoint()).requestLocalFingerprint(false)
                .mode(StreamMode.SEND_RECEIVE).events(null).build();
        s.put("5-modify", request(ALG, 1003, new ActionRequest(CONTEXT, List.of(
                cmd.modifyRemote(CORE, coreAnswered), cmd.modify(ACCESS, accessOpen)))));
        s.put("6-reply-modify", reply(AGW, 1003, ActionReply.of(CONTEXT,
                IqReplies.reply(CommandKind.MODIFY, CORE, IqLocal.answer(coreAnswered, coreLocal.endpoint(), List.of()),
                        coreAnswered.remote()),
                IqReplies.reply(CommandKind.MODIFY, ACCESS, IqLocal.answer(accessOpen, accessLocal.endpoint(), List.of()),
                        accessOpen.remote()))));
        s.put("7-notify-failure", request(AGW, 2, IqNotify.action(CONTEXT, ACCESS, 2001, TIME,
                IqFailure.of(FailureCause.TLS_FINGERPRINT_MISMATCH, "expected sha-256 4A:AD:B9:B1:..., received sha-256 77:01:C3:9E:..."))));
        s.put("8-notify-reply", reply(ALG, 2, ActionReply.of(CONTEXT,
                org.mediasec.h248.CommandReply.of(CommandKind.NOTIFY, ACCESS))));
        s.put("9-subtract", request(ALG, 1004, new ActionRequest(CONTEXT, List.of(
                IqCommands.subtract(ACCESS), IqCommands.subtract(CORE)))));
        s.put("10-reply-subtract", reply(AGW, 1004, ActionReply.of(CONTEXT,
                org.mediasec.h248.CommandReply.of(CommandKind.SUBTRACT, ACCESS),
                org.mediasec.h248.CommandReply.of(CommandKind.SUBTRACT, CORE))));
        return s;
    }
}
