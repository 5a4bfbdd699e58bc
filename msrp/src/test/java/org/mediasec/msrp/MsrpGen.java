package org.mediasec.msrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import org.mediasec.common.Bytes;

/** Seeded random MSRP messages for property tests (in-house generator, no jqwik). */
public final class MsrpGen {
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String IDENT_EXTRA = ".-+%=";

    private MsrpGen() {
    }

    public static String ident(SplittableRandom r) {
        int n = r.nextInt(4, 33);
        StringBuilder sb = new StringBuilder(n).append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        String chars = ALNUM + IDENT_EXTRA;
        for (int i = 1; i < n; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }

    static String word(SplittableRandom r, String alphabet, int min, int max) {
        int n = r.nextInt(min, max + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    public static MsrpUri uri(SplittableRandom r) {
        String host = switch (r.nextInt(4)) {
            case 0 -> r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case 1 -> "[2001:db8::" + Integer.toHexString(r.nextInt(65536)) + "]";
            default -> word(r, "abcdefghijklmnopqrstuvwxyz", 1, 10) + ".example." + (r.nextBoolean() ? "com" : "NET");
        };
        Optional<String> userinfo = r.nextInt(5) == 0 ? Optional.of(word(r, ALNUM, 1, 8)) : Optional.empty();
        OptionalInt port = r.nextInt(4) == 0 ? OptionalInt.empty() : OptionalInt.of(r.nextInt(1, 65536));
        Optional<String> session = r.nextInt(6) == 0 ? Optional.empty()
                : Optional.of(word(r, ALNUM + "-._~+=/", 1, 24));
        String transport = r.nextInt(8) == 0 ? "sctp" : "tcp";
        List<MsrpUri.Param> params = new ArrayList<>();
        for (int i = r.nextInt(3) == 0 ? r.nextInt(1, 3) : 0; i > 0; i--) {
            params.add(new MsrpUri.Param(word(r, ALNUM, 1, 6),
                    r.nextBoolean() ? Optional.of(word(r, ALNUM + "-.", 1, 6)) : Optional.empty()));
        }
        return new MsrpUri(r.nextInt(3) == 0 ? "msrp" : "msrps", userinfo, host, port, session, transport, params);
    }

    static List<MsrpUri> path(SplittableRandom r) {
        List<MsrpUri> p = new ArrayList<>();
        for (int i = r.nextInt(4) == 0 ? r.nextInt(2, 4) : 1; i > 0; i--) {
            p.add(uri(r));
        }
        return p;
    }

    static String text(SplittableRandom r, int min, int max) {
        String s = word(r, ALNUM + " ,;=\"/.:-_()@", min, max);
        if (r.nextInt(6) == 0) {
            s = s + "é€";
        }
        return s.strip().isEmpty() ? "x" : s.strip();
    }

    public static MsrpHeader header(SplittableRandom r) {
        return switch (r.nextInt(13)) {
            case 0 -> new MsrpHeader.MessageId(ident(r));
            case 1 -> {
                long start = r.nextLong(1, 1_000_000);
                long end = r.nextInt(4) == 0 ? MsrpHeader.ByteRange.UNKNOWN : start + r.nextLong(-1, 100_000);
                long total = r.nextInt(4) == 0 ? MsrpHeader.ByteRange.UNKNOWN
                        : Math.max(end, 0) + r.nextLong(0, 1000);
                yield new MsrpHeader.ByteRange(start, end, total);
            }
            case 2 -> r.nextBoolean() ? MsrpHeader.SuccessReport.YES : MsrpHeader.SuccessReport.NO;
            case 3 -> new MsrpHeader.FailureReport(MsrpHeader.FailureReport.Kind.values()[r.nextInt(3)]);
            case 4 -> new MsrpHeader.Status(r.nextInt(1000), MsrpStatus.of(r.nextInt(100, 700)),
                    r.nextBoolean() ? Optional.of(text(r, 1, 20)) : Optional.empty());
            case 5 -> new MsrpHeader.UsePath(path(r));
            case 6 -> new MsrpHeader.Expires(r.nextLong(0, 100_000));
            case 7 -> new MsrpHeader.MinExpires(r.nextLong(0, 100_000));
            case 8 -> new MsrpHeader.MaxExpires(r.nextLong(0, 100_000));
            case 9 -> new MsrpHeader.WwwAuthenticate("Digest realm=\"" + word(r, ALNUM, 1, 10) + "\", nonce=\"" + word(r, ALNUM, 8, 16) + "\"");
            case 10 -> new MsrpHeader.Authorization("Digest username=\"" + word(r, ALNUM, 1, 10) + "\"");
            case 11 -> new MsrpHeader.AuthenticationInfo("nextnonce=\"" + word(r, ALNUM, 4, 10) + "\"");
            default -> new MsrpHeader.Extension("X-" + word(r, ALNUM + "-", 1, 10), text(r, 1, 40));
        };
    }

    static List<MsrpHeader> headers(SplittableRandom r) {
        List<MsrpHeader> hs = new ArrayList<>();
        int n = r.nextInt(0, 7);
        outer:
        for (int i = 0; i < n; i++) {
            MsrpHeader h = header(r);
            if (!(h instanceof MsrpHeader.Extension)) {
                for (MsrpHeader prev : hs) {
                    if (prev.getClass() == h.getClass()) {
                        continue outer;
                    }
                }
            }
            hs.add(h);
        }
        return hs;
    }

    public static Bytes body(SplittableRandom r) {
        int n = switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> r.nextInt(1, 8);
            case 2 -> r.nextInt(1, 3000);
            default -> r.nextInt(1, 200);
        };
        byte[] b = new byte[n];
        if (r.nextBoolean()) {
            for (int i = 0; i < n; i++) {
                b[i] = (byte) r.nextInt(256);
            }
        } else {
            String alphabet = "ab-\r\n$+#-------";
            for (int i = 0; i < n; i++) {
                b[i] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
            }
        }
        return Bytes.of(b);
    }

    public static MsrpMessage message(SplittableRandom r) {
        return r.nextInt(3) == 0 ? response(r) : request(r);
    }

    public static MsrpResponse response(SplittableRandom r) {
        MsrpStatus s = MsrpStatus.of(new int[] {200, 400, 403, 408, 413, 415, 423, 481, 501, 506, 299, 999}[r.nextInt(12)]);
        Optional<String> comment = switch (r.nextInt(3)) {
            case 0 -> Optional.empty();
            case 1 -> Optional.of(s.description().isEmpty() ? "Whatever" : s.description());
            default -> Optional.of(text(r, 1, 30));
        };
        return new MsrpResponse(ident(r), s, comment, path(r), path(r), headers(r));
    }

    public static MsrpRequest request(SplittableRandom r) {
        MsrpMethod m = switch (r.nextInt(6)) {
            case 0, 1, 2 -> MsrpMethod.SEND;
            case 3 -> MsrpMethod.REPORT;
            case 4 -> MsrpMethod.AUTH;
            default -> MsrpMethod.of(word(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 10));
        };
        Optional<MsrpContent> content = Optional.empty();
        String tid = ident(r);
        if (r.nextInt(4) != 0) {
            Bytes data = body(r);
            List<MsrpContent.MimeHeader> mime = new ArrayList<>();
            if (r.nextInt(4) == 0) {
                mime.add(new MsrpContent.MimeHeader(MsrpContent.MimeHeader.CONTENT_ID, "<" + word(r, ALNUM, 3, 9) + "@example.com>"));
            }
            if (r.nextInt(4) == 0) {
                mime.add(new MsrpContent.MimeHeader(MsrpContent.MimeHeader.CONTENT_DISPOSITION, "attachment; filename=\"a.bin\""));
            }
            String ct = new String[] {"text/plain", "message/cpim", "application/octet-stream", "text/plain;charset=UTF-8"}[r.nextInt(4)];
            content = Optional.of(new MsrpContent(ct, mime, data));
            tid = MsrpTransactionIds.endLineOccursIn(tid, data) ? MsrpTransactionIds.chooseFor(data, r) : tid;
        }
        return new MsrpRequest(tid, m, path(r), path(r), headers(r), content,
                MsrpContinuation.values()[r.nextInt(3)]);
    }
}
