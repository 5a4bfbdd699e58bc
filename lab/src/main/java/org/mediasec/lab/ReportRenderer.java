package org.mediasec.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link LabReport} as text a person reads at a glance: per scenario a table of its legs
 * (protocol, TLS or not, version and cipher, who verified fingerprints, bytes each way), the file's
 * SHA-256 at both ends and a check list with ✔/✘; at the end the verdict and, with a capture, the
 * tshark command that decodes it.
 */
public final class ReportRenderer {
    static final String HELD = "✔";
    /** The name of the start-up section ({@link Lab}): it has checks but no legs. */
    public static final String START_UP = "start-up";
    static final String FAILED = "✘";
    static final String MALFORMED = "_ws.malformed || _ws.expert.severity >= \"Error\"";
    private static final String[] HEADER = {"leg", "realm", "protocol", "TLS", "TLS between", "fingerprints",
            "bytes →", "bytes ←", "teardown → / ←"};

    private ReportRenderer() {
    }

    public static String render(LabReport report) {
        StringBuilder out = new StringBuilder();
        out.append("mediasec lab: every network function in one process on 127.0.0.1, ports ")
                .append(report.ports().base()).append('-').append(report.ports().last()).append("\n");
        for (ScenarioReport s : report.scenarios()) {
            out.append('\n');
            scenario(out, s);
        }
        if (report.capture() != null) {
            out.append('\n');
            capture(out, report.capture());
        }
        out.append('\n');
        verdict(out, report);
        return out.toString();
    }

    static void scenario(StringBuilder out, ScenarioReport s) {
        long total = s.checks().size();
        out.append("━━ ").append(s.name()).append(" ━━ ").append(s.passed() ? "PASSED" : "FAILED")
                .append(" (").append(total - s.failedChecks()).append('/').append(total).append(" checks held, ")
                .append(String.format(Locale.ROOT, "%.1f s", s.elapsed().toMillis() / 1000.0)).append(")\n");
        out.append("   ").append(s.flow()).append('\n');
        if (s.legs().isEmpty()) {
            if (!s.name().equals(START_UP)) {
                out.append("\n   legs: none to show (no relay of the AGWs closed for this scenario)\n");
            }
        } else {
            out.append('\n');
            legTable(out, s.legs());
        }
        if (!s.files().isEmpty()) {
            out.append('\n');
            int w = s.files().stream().mapToInt(f -> f.where().length()).max().orElse(0);
            int sw = s.files().stream().mapToInt(f -> bytes(f.size()).length()).max().orElse(0);
            String label = "   file   ";
            for (FileDigest f : s.files()) {
                out.append(label).append(pad(f.where(), w)).append("  ").append(padLeft(bytes(f.size()), sw))
                        .append(" B  sha-256 ").append(f.sha256()).append('\n');
                label = "          ";
            }
        }
        out.append("\n   checks\n");
        for (Check c : s.checks()) {
            out.append("   ").append(c.held() ? HELD : FAILED).append(' ').append(c.what());
            if (!c.detail().isBlank()) {
                out.append(": ").append(c.detail());
            }
            out.append('\n');
        }
        if (!s.legs().isEmpty()) {
            out.append("\n   where the leg facts come from\n");
            for (LegReport l : s.legs()) {
                out.append("   ").append(l.name()).append(": ").append(l.source()).append('\n');
            }
        }
    }

    static void legTable(StringBuilder out, List<LegReport> legs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (LegReport l : legs) {
            rows.add(new String[] {l.name(), l.realm(), l.protocol(), tlsText(l), dash(l.tlsEnds()), dash(l.fingerprint()),
                    bytes(l.bytesForward()), bytes(l.bytesBack()), teardown(l)});
        }
        int[] width = new int[HEADER.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder("   ");
            for (int i = 0; i < r.length; i++) {
                boolean number = i >= r.length - 3;
                line.append(number ? padLeft(r[i], width[i]) : pad(r[i], width[i]));
                if (i < r.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** The octets each way after the exchange (hang-up until the relay was subtracted), or – when unknown. */
    static String teardown(LegReport l) {
        if (l.teardownForward() < 0 || l.teardownBack() < 0) {
            return "–";
        }
        return "+" + bytes(l.teardownForward()) + " / +" + bytes(l.teardownBack());
    }

    static String tlsText(LegReport l) {
        if (!l.tls()) {
            return "no (plain)";
        }
        if (l.tlsVersion() == null) {
            return "yes (version unknown)";
        }
        return l.tlsVersion() + (l.cipher() == null ? "" : " " + l.cipher());
    }

    static void capture(StringBuilder out, CaptureReport c) {
        out.append("capture   ").append(c.files().pcap());
        if (c.packets() >= 0) {
            out.append(" (").append(bytes(c.packets())).append(" packets");
            if (c.dropped() >= 0) {
                out.append(", ").append(bytes(c.dropped())).append(" dropped");
            }
            out.append(')');
        }
        out.append('\n');
        out.append("key log   ").append(c.files().keyLog()).append(" (SSLKEYLOGFILE of every TLS endpoint of the lab)\n");
        if (!c.ok()) {
            out.append(FAILED).append(" capture: ").append(c.failure()).append('\n');
        }
        if (c.tshark() != null) {
            out.append("decode it with (SIP, SDP, MEGACO, MSRP, and MSRP inside TLS decrypted with the key log)\n  ")
                    .append(c.tshark()).append('\n');
            out.append("  add -Y '").append(MALFORMED).append("' to list malformed frames\n");
        }
    }

    static void verdict(StringBuilder out, LabReport r) {
        long checks = r.scenarios().stream().mapToLong(s -> s.checks().size()).sum();
        long failed = r.scenarios().stream().mapToLong(ScenarioReport::failedChecks).sum();
        if (r.passed()) {
            long scenarios = r.scenarios().stream().filter(s -> !s.name().equals(START_UP)).count();
            out.append("RESULT ").append(HELD).append(" every check held (").append(scenarios)
                    .append(scenarios == 1 ? " scenario, " : " scenarios, ").append(checks)
                    .append(" checks): exit code 0\n");
            return;
        }
        out.append("RESULT ").append(FAILED).append(' ');
        if (r.scenarios().isEmpty()) {
            out.append("no scenario ran");
        } else {
            out.append(failed).append(" of ").append(checks).append(" checks failed");
        }
        if (r.capture() != null && !r.capture().ok()) {
            out.append(failed > 0 ? ", and the capture failed" : "; the capture failed");
        }
        out.append(": exit code 1\n");
        for (ScenarioReport s : r.scenarios()) {
            for (Check c : s.checks()) {
                if (!c.held()) {
                    out.append("   ").append(FAILED).append(' ').append(s.name()).append(": ").append(c.what())
                            .append(": ").append(c.detail()).append('\n');
                }
            }
        }
    }

    /** 10485760 → {@code 10,485,760}. */
    static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "–" : s;
    }

    private static String pad(String s, int width) {
        int n = width - s.codePointCount(0, s.length());
        return n <= 0 ? s : s + " ".repeat(n);
    }

    private static String padLeft(String s, int width) {
        int n = width - s.codePointCount(0, s.length());
        return n <= 0 ? s : " ".repeat(n) + s;
    }
}
