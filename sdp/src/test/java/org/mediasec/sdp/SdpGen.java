package org.mediasec.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded generator of valid SDP texts (canonical: they write back byte-exact) and of garbage. */
final class SdpGen {
    private SdpGen() {
    }

    static final String[] TYPED_ATTRIBUTES = {
            "setup:actpass", "setup:active", "setup:passive", "setup:holdconn", "connection:new", "connection:existing",
            "fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF",
            "fingerprint:SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB",
            "tls-id:abc3de65cddef001be82", "3ge2ae:requested", "3ge2ae:applied", "msrp-cema",
            "path:msrp://alice.example.com:7394/2s93i9ek2a;tcp", "accept-types:message/cpim text/plain",
            "accept-wrapped-types:*", "max-size:2048", "file-selector:name:\"a b.txt\" type:text/plain size:3",
            "file-transfer-id:abcd1234", "file-disposition:render", "file-date:creation:\"Mon, 15 May 2006 15:01:31 +0300\"",
            "file-icon:cid:x@y", "file-range:1-*", "floorctrl:c-only s-only", "confid:4321", "userid:1234",
            "floorid:1 mstrm:10", "bfcpver:1 2", "label:10", "key-mgmt:mikey AQID", "T38FaxVersion:2",
            "T38MaxBitRate:14400", "T38FaxRateManagement:transferredTCF", "T38FaxUdpEC:t38UDPRedundancy",
            "T38FaxUdpECDepth:1 2", "T38FaxFillBitRemoval", "sendonly", "recvonly", "sendrecv", "inactive",
            "rtpmap:0 PCMU/8000",
    };

    static final String[] PROTOS = {"TCP/MSRP", "TCP/TLS/MSRP", "TCP/BFCP", "TCP/TLS/BFCP", "UDP/BFCP", "UDP/TLS/BFCP",
            "TCP/DTLS/BFCP", "udptl", "UDP/TLS/UDPTL", "RTP/AVP", "TCP", "UDP", "TCP/TLS", "UDP/DTLS", "X/Y/Z"};

    static final String[] MEDIA = {"message", "application", "image", "audio", "video", "text", "x-media"};

    private static final String TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`{|}~";

    static String token(SplittableRandom r, int max) {
        int n = 1 + r.nextInt(max);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(TOKEN_CHARS.charAt(r.nextInt(TOKEN_CHARS.length())));
        }
        return sb.toString();
    }

    /** Text without CR, LF, NUL: printable ASCII, spaces, tabs and some non-ASCII. */
    static String text(SplittableRandom r, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(20);
            if (k == 0) {
                sb.append(' ');
            } else if (k == 1) {
                sb.append('\t');
            } else if (k == 2) {
                sb.append("éß€😀".charAt(r.nextInt(3)));
            } else {
                sb.append((char) (0x21 + r.nextInt(0x7E - 0x21 + 1)));
            }
        }
        return sb.toString();
    }

    static String number(SplittableRandom r, long bound) {
        return Long.toString(r.nextLong(bound));
    }

    static String address(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
            case 1 -> "2001:db8::" + Integer.toHexString(r.nextInt(0xFFFF));
            default -> token(r, 10).replace('/', 'x') + ".example.com";
        };
    }

    static String ipType(String addr) {
        return addr.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    static String attribute(SplittableRandom r) {
        int k = r.nextInt(10);
        if (k < 5) {
            return "a=" + TYPED_ATTRIBUTES[r.nextInt(TYPED_ATTRIBUTES.length)];
        }
        if (k < 7) {
            return "a=" + token(r, 12);
        }
        String name = token(r, 12).replace(":", "");
        if (name.isEmpty()) {
            name = "x";
        }
        return "a=" + name + ":" + text(r, 40);
    }

    /** A valid STRICT SDP text with CRLF line ends. */
    static String validSdp(SplittableRandom r) {
        List<String> lines = new ArrayList<>();
        lines.add("v=0");
        String addr = address(r);
        lines.add("o=" + (r.nextBoolean() ? "-" : token(r, 8)) + " " + number(r, 1L << 40) + " " + number(r, 1L << 40)
                + " IN " + ipType(addr) + " " + addr);
        lines.add("s=" + (r.nextBoolean() ? "-" : text(r, 20)));
        if (r.nextInt(4) == 0) {
            lines.add("i=" + text(r, 30));
        }
        if (r.nextInt(6) == 0) {
            lines.add("u=http://www.example.com/" + token(r, 8));
        }
        if (r.nextInt(6) == 0) {
            lines.add("e=j.doe@example.com (Jane Doe)");
        }
        if (r.nextInt(6) == 0) {
            lines.add("p=+1 617 555-6011");
        }
        boolean sessionC = r.nextBoolean();
        if (sessionC) {
            String ca = address(r);
            lines.add("c=IN " + ipType(ca) + " " + ca);
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            lines.add("b=" + (r.nextBoolean() ? "AS" : token(r, 5).replace(":", "")) + ":" + number(r, 100000));
        }
        for (int i = 1 + r.nextInt(2); i > 0; i--) {
            lines.add("t=" + number(r, 4_000_000_000L) + " " + number(r, 4_000_000_000L));
            if (r.nextInt(4) == 0) {
                lines.add("r=604800 3600 0 90000");
            }
        }
        if (r.nextInt(6) == 0) {
            lines.add("z=2882844526 -1h 2898848070 0");
        }
        if (r.nextInt(8) == 0) {
            lines.add("k=prompt");
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            lines.add(attribute(r));
        }
        if (r.nextInt(8) == 0) {
            lines.add("x=" + text(r, 10));
        }
        for (int m = r.nextInt(5); m > 0; m--) {
            StringBuilder ml = new StringBuilder("m=").append(MEDIA[r.nextInt(MEDIA.length)]).append(' ')
                    .append(r.nextInt(10) == 0 ? "0" : number(r, 65536));
            if (r.nextInt(8) == 0) {
                ml.append('/').append(1 + r.nextInt(4));
            }
            ml.append(' ').append(PROTOS[r.nextInt(PROTOS.length)]);
            for (int f = 1 + r.nextInt(3); f > 0; f--) {
                ml.append(' ').append(r.nextBoolean() ? "*" : token(r, 4));
            }
            lines.add(ml.toString());
            if (r.nextInt(5) == 0) {
                lines.add("i=" + text(r, 20));
            }
            if (!sessionC || r.nextInt(4) == 0) {
                String ca = address(r);
                lines.add("c=IN " + ipType(ca) + " " + ca);
            }
            if (r.nextInt(5) == 0) {
                lines.add("b=AS:" + number(r, 1000));
            }
            for (int i = r.nextInt(8); i > 0; i--) {
                lines.add(attribute(r));
            }
            if (r.nextInt(10) == 0) {
                lines.add("y=" + text(r, 10));
            }
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    /** Applies 1..4 random edits: delete, insert odd characters, duplicate or swap lines, truncate. */
    static String mutate(SplittableRandom r, String s) {
        StringBuilder sb = new StringBuilder(s);
        for (int n = 1 + r.nextInt(4); n > 0; n--) {
            if (sb.length() == 0) {
                sb.append(garbage(r, 10));
                continue;
            }
            int at = r.nextInt(sb.length());
            switch (r.nextInt(7)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, "\r\n\0 :=/$-*\"\uFFFF\uD800".charAt(r.nextInt(12)));
                case 2 -> sb.setLength(at);
                case 3 -> sb.insert(at, garbage(r, 8));
                case 4 -> sb.setCharAt(at, (char) r.nextInt(0x80));
                case 5 -> {
                    int nl = sb.indexOf("\n", at);
                    if (nl > 0) {
                        int prev = sb.lastIndexOf("\n", at - 1) + 1;
                        sb.insert(prev, sb.substring(prev, nl + 1));
                    }
                }
                default -> sb.insert(at, "\r\n" + "a=" + TYPED_ATTRIBUTES[r.nextInt(TYPED_ATTRIBUTES.length)]
                        .replace(':', r.nextBoolean() ? ':' : ' ') + "\r\n");
            }
        }
        return sb.toString();
    }

    /** Arbitrary characters, biased to SDP-looking ones. */
    static String garbage(SplittableRandom r, int max) {
        int n = r.nextInt(max + 1);
        String alphabet = "vosictbamzrkeup=:/ \r\n\t0123456789$-*IN IP4\0\u00e9\uD83D";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(4) == 0 ? (char) r.nextInt(0x10000) : alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
