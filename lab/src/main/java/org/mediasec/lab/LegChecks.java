package org.mediasec.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mediasec.agw.bearer.BearerTransport;
import org.mediasec.agw.bearer.LegStats;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.common.CertificateFingerprint;

/**
 * The checks on what crossed each leg of a call, judged from {@link CallEvidence} alone: for e2ae,
 * TLS ended at the AGW on both access legs with both fingerprints verified and plain MSRP in the
 * core; for e2e, TLS from UE to UE verified by both UEs and nothing decrypted at either AGW; both:
 * the bytes each AGW received on one leg are the bytes it sent on the other, and AGW-A and AGW-B agree
 * on the core leg. The byte comparisons judge the counts at the end of the media exchange
 * ({@link CallEvidence#exchangeA()}), when nothing is in flight; the teardown that follows (close_notify
 * records crossing while the P-CSCFs subtract the contexts, dropped by Subtract when still in flight) is
 * shown beside them as such, from the final statistics.
 */
public final class LegChecks {
    private LegChecks() {
    }

    /** End to access edge: UE-A ⇄ TLS ⇄ AGW-A ⇄ plain MSRP ⇄ AGW-B ⇄ TLS ⇄ UE-B. */
    public static List<Check> e2ae(CallEvidence e) {
        List<Check> c = new ArrayList<>();
        if (!relays(e, c)) {
            return c;
        }
        c.add(terminated("access leg UE-A ↔ AGW-A is TLS, ended at AGW-A, UE-A's certificate verified by AGW-A",
                e.agwA().access(), e.a(), "AGW-A"));
        c.add(ueVerified(e.a(), "AGW-A", e.agwA().access()));
        c.add(plainCore("AGW-A", e.agwA()));
        c.add(plainCore("AGW-B", e.agwB()));
        c.add(coreBytesAgree(e));
        c.add(forwardedUnchanged("AGW-A", e.exchangeA(), e.agwA(), true));
        c.add(forwardedUnchanged("AGW-B", e.exchangeB(), e.agwB(), true));
        c.add(terminated("access leg AGW-B ↔ UE-B is TLS, ended at AGW-B, UE-B's certificate verified by AGW-B",
                e.agwB().access(), e.b(), "AGW-B"));
        c.add(ueVerified(e.b(), "AGW-B", e.agwB().access()));
        if (e.fileSize() > 0) {
            String what = "the file crossed the core as plain MSRP";
            if (e.exchangeA() == null) {
                c.add(Check.failed(what, uncounted("AGW-A")));
            } else {
                long core = e.exchangeA().core().bytesOut();
                c.add(Check.of(what, core >= e.fileSize(), String.format(java.util.Locale.ROOT,
                        "%,d bytes of MSRP from AGW-A to AGW-B for a %,d-byte file", core, e.fileSize())));
            }
        }
        return c;
    }

    /** End to end: UE-A ⇄ TLS through AGW-A and AGW-B, never decrypted ⇄ UE-B. */
    public static List<Check> e2e(CallEvidence e) {
        List<Check> c = new ArrayList<>();
        if (!relays(e, c)) {
            return c;
        }
        List<String> decrypted = new ArrayList<>();
        List<String> notPassThrough = new ArrayList<>();
        for (var x : List.of(new Object[] {"AGW-A", e.agwA()}, new Object[] {"AGW-B", e.agwB()})) {
            RelayStats r = (RelayStats) x[1];
            for (LegStats l : List.of(r.access(), r.core())) {
                if (l.decrypted()) {
                    decrypted.add(x[0] + " " + l.side() + " (" + l.tls() + ")");
                }
                if (l.transport() != BearerTransport.PASS_THROUGH) {
                    notPassThrough.add(x[0] + " " + l.side() + " is " + l.transport());
                }
            }
        }
        c.add(Check.of("no AGW decrypted anything (every AGW leg is a byte relay)", decrypted.isEmpty() && notPassThrough.isEmpty(),
                decrypted.isEmpty() && notPassThrough.isEmpty() ? "all four AGW terminations are PASS_THROUGH, no TLS session at either AGW"
                        : String.join("; ", concat(decrypted, notPassThrough))));
        c.add(endToEnd(e.a(), e.b()));
        c.add(endToEnd(e.b(), e.a()));
        c.add(throughAgw(e.a(), "AGW-A", e.agwA().access()));
        c.add(throughAgw(e.b(), "AGW-B", e.agwB().access()));
        c.add(forwardedUnchanged("AGW-A", e.exchangeA(), e.agwA(), false));
        c.add(forwardedUnchanged("AGW-B", e.exchangeB(), e.agwB(), false));
        c.add(coreBytesAgree(e));
        if (e.fileSize() > 0) {
            String what = "the file crossed the core inside the UEs' TLS";
            if (e.exchangeA() == null) {
                c.add(Check.failed(what, uncounted("AGW-A")));
            } else {
                long wire = e.exchangeA().core().wireBytesOut();
                c.add(Check.of(what, wire >= e.fileSize(), String.format(java.util.Locale.ROOT,
                        "%,d TLS bytes from AGW-A to AGW-B for a %,d-byte file", wire, e.fileSize())));
            }
        }
        return c;
    }

    private static boolean relays(CallEvidence e, List<Check> c) {
        boolean ok = true;
        if (e.agwA() == null) {
            c.add(Check.failed("AGW-A relayed the call's MSRP connection", "AGW-A closed no relay for this call"));
            ok = false;
        }
        if (e.agwB() == null) {
            c.add(Check.failed("AGW-B relayed the call's MSRP connection", "AGW-B closed no relay for this call"));
            ok = false;
        }
        if (e.a() == null || e.b() == null) {
            c.add(Check.failed("both UEs report their MSRP connection", (e.a() == null ? "UE-A" : "UE-B") + " has no connected call"));
            ok = false;
        }
        return ok;
    }

    private static Check terminated(String what, LegStats l, UeEnd ue, String agw) {
        if (l.tls() == null) {
            return Check.failed(what, agw + " " + l.side() + " leg is " + l.transport() + " with no TLS session");
        }
        if (!l.tls().peerVerified()) {
            return Check.failed(what, agw + " did not verify the peer's certificate (" + l.tls() + ")");
        }
        if (ue.ownFingerprint() != null && !Objects.equals(ue.ownFingerprint(), l.tls().peerFingerprint())) {
            return Check.failed(what, agw + " matched " + l.tls().peerFingerprint() + " but " + ue.name() + "'s certificate is "
                    + ue.ownFingerprint());
        }
        return Check.held(what, l.tls().version() + " " + l.tls().cipherSuite() + ", " + agw + " matched " + ue.name()
                + "'s " + l.tls().peerFingerprint());
    }

    private static Check ueVerified(UeEnd ue, String agw, LegStats access) {
        String what = ue.name() + " verified " + agw + "'s certificate against the SDP answer (e2ae applied)";
        if (!ue.tls()) {
            return Check.failed(what, ue.name() + "'s MSRP connection is not TLS");
        }
        if (!ue.peerVerified()) {
            return Check.failed(what, ue.name() + " did not verify its peer (" + ue.remoteAddress() + ")");
        }
        if (!ue.e2aeApplied()) {
            return Check.failed(what, "the SDP " + ue.name() + " received has no a=3ge2ae:applied");
        }
        return Check.held(what, ue.tlsVersion() + ", " + ue.name() + " matched " + ue.peerFingerprint() + " at "
                + ue.remoteAddress() + " (" + agw + "'s end of the access leg: port " + port(access) + ")");
    }

    private static Check plainCore(String agw, RelayStats r) {
        LegStats l = r.core();
        String what = "core leg at " + agw + " is plain MSRP, nothing encrypted";
        return Check.of(what, l.transport() == BearerTransport.PLAIN_TCP && l.tls() == null,
                agw + " core termination " + l.transport() + (l.tls() == null ? ", no TLS session" : ", TLS " + l.tls()));
    }

    /**
     * AGW-A's octets sent on the core leg are AGW-B's received, both ways, at the end of the exchange
     * (where nothing is in flight, so any difference is an octet lost or added between the AGWs). The
     * teardown's octets follow, from the final statistics.
     */
    private static Check coreBytesAgree(CallEvidence e) {
        String what = "AGW-A and AGW-B agree on the core leg's bytes";
        String after = coreText("after teardown", e.agwA().core(), e.agwB().core());
        if (!e.exchangeCounted()) {
            return Check.failed(what, uncounted(e.exchangeA() == null ? "AGW-A" : "AGW-B") + "; " + after);
        }
        LegStats a = e.exchangeA().core();
        LegStats b = e.exchangeB().core();
        boolean ok = a.wireBytesOut() == b.wireBytesIn() && b.wireBytesOut() == a.wireBytesIn();
        return Check.of(what, ok, coreText("at the end of the exchange", a, b) + "; " + teardown(e));
    }

    private static String coreText(String when, LegStats a, LegStats b) {
        return String.format(java.util.Locale.ROOT, "%s AGW-A sent %,d / AGW-B received %,d, AGW-B sent %,d / AGW-A received %,d",
                when, a.wireBytesOut(), b.wireBytesIn(), b.wireBytesOut(), a.wireBytesIn());
    }

    /** The core leg's octets after the exchange (hang-up until each relay was subtracted), and what was dropped. */
    private static String teardown(CallEvidence e) {
        long aOut = e.agwA().core().wireBytesOut() - e.exchangeA().core().wireBytesOut();
        long bIn = e.agwB().core().wireBytesIn() - e.exchangeB().core().wireBytesIn();
        long bOut = e.agwB().core().wireBytesOut() - e.exchangeB().core().wireBytesOut();
        long aIn = e.agwA().core().wireBytesIn() - e.exchangeA().core().wireBytesIn();
        String text = String.format(java.util.Locale.ROOT, "teardown AGW-A sent +%,d / AGW-B received +%,d, AGW-B sent +%,d"
                + " / AGW-A received +%,d", aOut, bIn, bOut, aIn);
        if (aOut == bIn && bOut == aIn) {
            return text;
        }
        return text + " (still in flight when the receiving AGW's relay was subtracted: dropped, as Subtract does)";
    }

    /**
     * What the AGW read on one leg is what it wrote on the other (payload for e2ae: the plaintext; wire
     * for e2e), at the end of the exchange; the teardown's octets follow, from the final statistics.
     */
    private static Check forwardedUnchanged(String agw, RelayStats exchange, RelayStats last, boolean payload) {
        String what = agw + " forwarded every " + (payload ? "decrypted byte" : "byte, untouched");
        if (exchange == null) {
            return Check.failed(what, uncounted(agw) + "; after teardown " + flows(last, payload, null));
        }
        long[] f = counts(exchange, payload);
        boolean ok = f[0] == f[1] && f[2] == f[3] && f[0] > 0;
        return Check.of(what, ok, "at the end of the exchange " + flows(exchange, payload, null) + "; teardown "
                + flows(last, payload, f));
    }

    /** access→core in, core out, core→access in, access out. */
    private static long[] counts(RelayStats r, boolean payload) {
        LegStats acc = r.access();
        LegStats core = r.core();
        return new long[] {payload ? acc.bytesIn() : acc.wireBytesIn(), payload ? core.bytesOut() : core.wireBytesOut(),
                payload ? core.bytesIn() : core.wireBytesIn(), payload ? acc.bytesOut() : acc.wireBytesOut()};
    }

    /** The four counts of {@code r}, less {@code base} when given (as increments). */
    private static String flows(RelayStats r, boolean payload, long[] base) {
        long[] n = counts(r, payload);
        String sign = base == null ? "" : "+";
        if (base != null) {
            for (int i = 0; i < n.length; i++) {
                n[i] -= base[i];
            }
        }
        return String.format(java.util.Locale.ROOT, "access→core %s%,d in / %s%,d out, core→access %s%,d in / %s%,d out",
                sign, n[0], sign, n[1], sign, n[2], sign, n[3]);
    }

    private static String uncounted(String agw) {
        return "no count of " + agw + "'s relay at the end of the media exchange (a step of the exchange failed, or "
                + agw + " had no relay for the call then), so no count where nothing was in flight";
    }

    private static Check endToEnd(UeEnd ue, UeEnd far) {
        String what = ue.name() + " has TLS end to end with " + far.name() + " and verified its certificate";
        if (!ue.tls()) {
            return Check.failed(what, ue.name() + "'s MSRP connection is not TLS");
        }
        if (ue.e2aeApplied()) {
            return Check.failed(what, "the SDP " + ue.name() + " received carries a=3ge2ae: the network applied e2ae");
        }
        if (!ue.peerVerified()) {
            return Check.failed(what, ue.name() + " did not verify its peer");
        }
        CertificateFingerprint expected = far.ownFingerprint();
        if (expected != null && !expected.equals(ue.peerFingerprint())) {
            return Check.failed(what, ue.name() + " matched " + ue.peerFingerprint() + " but " + far.name() + "'s certificate is "
                    + expected + " (someone else ended the TLS)");
        }
        return Check.held(what, ue.tlsVersion() + " " + ue.cipher() + ", matched " + far.name() + "'s " + ue.peerFingerprint());
    }

    private static Check throughAgw(UeEnd ue, String agw, LegStats access) {
        String what = ue.name() + "'s TLS connection ran through " + agw;
        int port = port(access);
        boolean ok = ue.remoteAddress() != null && ue.remoteAddress().endsWith(":" + port);
        return Check.of(what, ok, ue.name() + "'s peer is " + ue.remoteAddress() + ", " + agw + "'s end of the access leg is port "
                + port);
    }

    /** The port of the leg that the UE's connection used: the AGW's (listening or connecting) port. */
    static int port(LegStats l) {
        return l.local() == null ? -1 : l.local().getPort();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }
}
