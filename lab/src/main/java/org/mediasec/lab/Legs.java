package org.mediasec.lab;

import java.util.ArrayList;
import java.util.List;

import org.mediasec.agw.bearer.BearerTransport;
import org.mediasec.agw.bearer.LegStats;
import org.mediasec.agw.bearer.RelayStats;

/**
 * The three legs of a call (UE-A ↔ AGW-A access, AGW-A ↔ AGW-B core, AGW-B ↔ UE-B access) as the
 * AGWs' termination statistics and the UEs' TLS facts show them. "Forward" is toward UE-B. The byte
 * counts are the exchange's (the AGWs' live statistics once it was quiescent) and, apart, the
 * teardown's (the final statistics less those); without an exchange count, the final counts.
 */
public final class Legs {
    private Legs() {
    }

    public static List<LegReport> of(CallEvidence e) {
        List<LegReport> legs = new ArrayList<>();
        if (e.agwA() != null) {
            legs.add(access("UE-A ↔ AGW-A", "AGW-A", e.agwA(), e.exchangeA(), e.a(), e.b(), true));
        }
        if (e.agwA() != null || e.agwB() != null) {
            legs.add(core(e));
        }
        if (e.agwB() != null) {
            legs.add(access("AGW-B ↔ UE-B", "AGW-B", e.agwB(), e.exchangeB(), e.b(), e.a(), false));
        }
        return legs;
    }

    /** Octets toward UE-B and toward UE-A on a leg: at the end of the exchange, and after it (-1: unknown). */
    private record Flow(long fwd, long back, long teardownFwd, long teardownBack) {
        /** {@code inIsForward}: what the AGW reads on this leg goes toward UE-B (AGW-A's access leg, AGW-B's core leg). */
        static Flow of(LegStats last, LegStats exchange, boolean inIsForward) {
            LegStats x = exchange != null ? exchange : last;
            long fwd = inIsForward ? x.wireBytesIn() : x.wireBytesOut();
            long back = inIsForward ? x.wireBytesOut() : x.wireBytesIn();
            if (exchange == null) {
                return new Flow(fwd, back, -1, -1);
            }
            long lastFwd = inIsForward ? last.wireBytesIn() : last.wireBytesOut();
            long lastBack = inIsForward ? last.wireBytesOut() : last.wireBytesIn();
            return new Flow(fwd, back, lastFwd - fwd, lastBack - back);
        }
    }

    private static LegReport access(String name, String agw, RelayStats relay, RelayStats exchange, UeEnd ue, UeEnd farUe,
                                    boolean towardB) {
        LegStats l = relay.access();
        Flow f = Flow.of(l, exchange == null ? null : exchange.access(), towardB);
        String ueName = ue == null ? (towardB ? "UE-A" : "UE-B") : ue.name();
        String source = agw + " access termination (" + relay.id() + ", " + l.transport() + ")"
                + (ue == null ? "" : ", " + ueName + " TLS info");
        if (l.tls() != null) {
            String fp = agw + mark(l.tls().peerVerified()) + " " + ueName + (ue == null ? " ?" : mark(ue.peerVerified()));
            return new LegReport(name, "access", "MSRP over TLS", true, l.tls().version(), l.tls().cipherSuite(),
                    ueName + " / " + agw, fp, f.fwd(), f.back(), f.teardownFwd(), f.teardownBack(), source);
        }
        if (l.transport() == BearerTransport.PASS_THROUGH && ue != null && ue.tls()) {
            return endToEnd(name, "access", ue, farUe, f, source);
        }
        return new LegReport(name, "access", "MSRP (plain TCP)", false, null, null, null, null, f.fwd(), f.back(),
                f.teardownFwd(), f.teardownBack(), source);
    }

    private static LegReport core(CallEvidence e) {
        RelayStats a = e.agwA();
        RelayStats b = e.agwB();
        LegStats l = a != null ? a.core() : b.core();
        boolean fromA = a != null;
        RelayStats x = fromA ? e.exchangeA() : e.exchangeB();
        Flow f = Flow.of(l, x == null ? null : x.core(), !fromA);
        String source = (a != null ? "AGW-A core termination (" + a.id() + ", " + a.core().transport() + ")" : "")
                + (a != null && b != null ? " and " : "")
                + (b != null ? "AGW-B core termination (" + b.id() + ", " + b.core().transport() + ")" : "");
        boolean decrypted = (a != null && a.core().tls() != null) || (b != null && b.core().tls() != null);
        if (decrypted) {
            var t = a != null && a.core().tls() != null ? a.core().tls() : b.core().tls();
            return new LegReport("AGW-A ↔ AGW-B", "core", "MSRP over TLS", true, t.version(), t.cipherSuite(),
                    "AGW-A / AGW-B", null, f.fwd(), f.back(), f.teardownFwd(), f.teardownBack(), source);
        }
        if (l.transport() == BearerTransport.PASS_THROUGH && e.a() != null && e.a().tls() && !e.a().e2aeApplied()) {
            return endToEnd("AGW-A ↔ AGW-B", "core", e.a(), e.b(), f, source + ", UE TLS info");
        }
        return new LegReport("AGW-A ↔ AGW-B", "core", "MSRP (plain TCP)", false, null, null, null, null, f.fwd(), f.back(),
                f.teardownFwd(), f.teardownBack(), source);
    }

    /** A leg that carries the UEs' own TLS session: its facts are the UEs'. */
    private static LegReport endToEnd(String name, String realm, UeEnd ue, UeEnd far, Flow f, String source) {
        String first = ue.name().compareTo(far == null ? "UE-B" : far.name()) <= 0 ? ue.name() : far.name();
        UeEnd x = first.equals(ue.name()) ? ue : far;
        UeEnd y = x == ue ? far : ue;
        String fp = (x == null ? "UE-A ?" : x.name() + mark(x.peerVerified())) + " "
                + (y == null ? "UE-B ?" : y.name() + mark(y.peerVerified()));
        return new LegReport(name, realm, "TLS passed through (MSRP inside)", true, ue.tlsVersion(), ue.cipher(),
                "UE-A / UE-B (end to end)", fp, f.fwd(), f.back(), f.teardownFwd(), f.teardownBack(), source);
    }

    private static String mark(boolean verified) {
        return verified ? " " + ReportRenderer.HELD : " " + ReportRenderer.FAILED;
    }
}
