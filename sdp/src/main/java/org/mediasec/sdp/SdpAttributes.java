package org.mediasec.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.mediasec.common.CertificateFingerprint;
import org.mediasec.common.Checks;

/**
 * The typed attributes of the media-security mission. Each constant parses (with its RFC syntax
 * checked) and formats one attribute name; read with {@code level.get(SdpAttributes.SETUP)} or
 * {@code getAll(...)}, write with {@code builder.set(SdpAttributes.SETUP, Setup.ACTPASS)}.
 * A malformed value throws {@link SdpAttributeException} on read only; the generic attribute
 * stays in the description untouched.
 */
public final class SdpAttributes {
    private SdpAttributes() {
    }

    // ---- TLS / DTLS / TCP (RFC 8122, RFC 4145, RFC 8842, TS 24.229) ----

    /**
     * {@code a=fingerprint:<hash-func> <HEX:HEX:...>} (RFC 8122 §5), session or media level, may
     * repeat (one per certificate / hash function). Hash names compare ignoring case; output is
     * {@code <lower-case hash> <UPPER-CASE HEX>}. One space after the colon is tolerated on input
     * ({@code a=fingerprint: SHA-1 ...} as printed in the examples of RFC 7345 Appendix A), although
     * the RFC 8122 grammar has none.
     */
    public static final AttributeType<CertificateFingerprint> FINGERPRINT = AttributeType.of("fingerprint",
            v -> CertificateFingerprint.parse(stripOneLeadingSpace(required(v))), CertificateFingerprint::toString);

    /** {@code a=setup} (RFC 4145 §4). */
    public static final AttributeType<Setup> SETUP = AttributeType.of("setup", Setup::parse, Setup::token);

    /** {@code a=connection} (RFC 4145 §5). */
    public static final AttributeType<TcpConnection> CONNECTION = AttributeType.of("connection",
            TcpConnection::parse, TcpConnection::token);

    /** {@code a=tls-id} (RFC 8842 §4). */
    public static final AttributeType<TlsId> TLS_ID = AttributeType.of("tls-id", TlsId::new, TlsId::value);

    /** {@code a=3ge2ae:requested|applied} (TS 24.229); unknown tokens are accepted. */
    public static final AttributeType<E2aeIndication> E2AE = AttributeType.of("3ge2ae", E2aeIndication::of,
            E2aeIndication::token);

    /** {@code a=key-mgmt:<prtcl-id> <base64>} (RFC 4567 §3.1). */
    public static final AttributeType<KeyMgmt> KEY_MGMT = AttributeType.of("key-mgmt", KeyMgmt::parse, KeyMgmt::format);

    // ---- MSRP (RFC 4975, RFC 6714) ----

    /** {@code a=path:<MSRP-URI> *(SP <MSRP-URI>)} (RFC 4975 §8.2); URIs kept as strings. */
    public static final AttributeType<List<String>> PATH = AttributeType.of("path", SdpAttributes::parsePath,
            l -> String.join(" ", nonEmpty(l, "path")));

    /** {@code a=accept-types} (RFC 4975 §8.6): {@code *}, {@code type/*} or {@code type/subtype} entries. */
    public static final AttributeType<List<String>> ACCEPT_TYPES = AttributeType.of("accept-types",
            v -> parseFormatList(v, "accept-types"), l -> String.join(" ", nonEmpty(l, "accept-types")));

    /** {@code a=accept-wrapped-types} (RFC 4975 §8.6). */
    public static final AttributeType<List<String>> ACCEPT_WRAPPED_TYPES = AttributeType.of("accept-wrapped-types",
            v -> parseFormatList(v, "accept-wrapped-types"), l -> String.join(" ", nonEmpty(l, "accept-wrapped-types")));

    /** {@code a=max-size:<octets>} (RFC 4975 §8.6). */
    public static final AttributeType<Long> MAX_SIZE = AttributeType.of("max-size",
            v -> parseLong(v, "max-size"), String::valueOf);

    /** {@code a=msrp-cema} (RFC 6714 §5.2), a property attribute: read gives {@code true} when present. */
    public static final AttributeType<Boolean> MSRP_CEMA = flag("msrp-cema");

    // ---- File transfer (RFC 5547) ----

    /** {@code a=file-selector} (RFC 5547 §6). */
    public static final AttributeType<FileSelector> FILE_SELECTOR = AttributeType.of("file-selector",
            FileSelector::parse, FileSelector::format);

    /** {@code a=file-transfer-id:<token>} (RFC 5547 §6). */
    public static final AttributeType<String> FILE_TRANSFER_ID = AttributeType.of("file-transfer-id",
            v -> Checks.token(required(v), "file-transfer-id"), v -> v);

    /** {@code a=file-disposition:<token>} (RFC 5547 §6), e.g. {@code attachment}, {@code render}. */
    public static final AttributeType<String> FILE_DISPOSITION = AttributeType.of("file-disposition",
            v -> Checks.token(required(v), "file-disposition"), v -> v);

    /** {@code a=file-date} (RFC 5547 §6). */
    public static final AttributeType<FileDate> FILE_DATE = AttributeType.of("file-date", FileDate::parse, FileDate::format);

    /** {@code a=file-icon:cid:<content-id>} (RFC 5547 §6). */
    public static final AttributeType<String> FILE_ICON = AttributeType.of("file-icon", SdpAttributes::parseCid, v -> v);

    /** {@code a=file-range:<start>-<stop|*>} (RFC 5547 §6). */
    public static final AttributeType<FileRange> FILE_RANGE = AttributeType.of("file-range", FileRange::parse,
            FileRange::format);

    // ---- BFCP (RFC 8856) and labels (RFC 4574) ----

    /** {@code a=floorctrl:<role> *(SP <role>)} (RFC 8856 §5.1; see {@link FloorControlRole#offered} for c-s). */
    public static final AttributeType<List<FloorControlRole>> FLOORCTRL = AttributeType.of("floorctrl",
            v -> words(v, "floorctrl", FloorControlRole::parse),
            l -> join(nonEmpty(l, "floorctrl"), FloorControlRole::token));

    /** {@code a=confid:<1*DIGIT>} (RFC 8856 §5.2): BFCP conference id, 0..2^32-1. */
    public static final AttributeType<Long> CONFID = AttributeType.of("confid",
            v -> (long) parseUnsignedLong(v, 0xFFFF_FFFFL, "confid"), String::valueOf);

    /** {@code a=userid:<1*DIGIT>} (RFC 8856 §5.3): BFCP user id, 0..65535. */
    public static final AttributeType<Integer> USERID = AttributeType.of("userid",
            v -> parseUnsigned(v, 0xFFFF, "userid"), String::valueOf);

    /** {@code a=floorid:<id> mstrm:<label>...} (RFC 8856 §5.4; legacy {@code m-stream:} accepted). */
    public static final AttributeType<FloorId> FLOORID = AttributeType.of("floorid", FloorId::parse, FloorId::format);

    /** {@code a=bfcpver:<version> *(SP <version>)} (RFC 8856 §5.5). */
    public static final AttributeType<List<Integer>> BFCPVER = AttributeType.of("bfcpver",
            v -> words(v, "bfcpver", w -> parseUnsigned(w, 255, "bfcpver")),
            l -> join(nonEmpty(l, "bfcpver"), String::valueOf));

    /** {@code a=label:<token>} (RFC 4574). */
    public static final AttributeType<String> LABEL = AttributeType.of("label",
            v -> Checks.token(required(v), "label"), v -> v);

    // ---- T.38 (ITU-T T.38 Annex D) ----

    public static final AttributeType<Integer> T38_FAX_VERSION = uint("T38FaxVersion", 255);
    public static final AttributeType<Integer> T38_MAX_BIT_RATE = uint("T38MaxBitRate", Integer.MAX_VALUE);
    public static final AttributeType<Boolean> T38_FAX_FILL_BIT_REMOVAL = t38Boolean("T38FaxFillBitRemoval");
    public static final AttributeType<Boolean> T38_FAX_TRANSCODING_MMR = t38Boolean("T38FaxTranscodingMMR");
    public static final AttributeType<Boolean> T38_FAX_TRANSCODING_JBIG = t38Boolean("T38FaxTranscodingJBIG");
    /** localTCF / transferredTCF. */
    public static final AttributeType<T38Token> T38_FAX_RATE_MANAGEMENT = AttributeType.of("T38FaxRateManagement",
            T38Token::rateManagement, T38Token::token);
    public static final AttributeType<Integer> T38_FAX_MAX_BUFFER = uint("T38FaxMaxBuffer", Integer.MAX_VALUE);
    public static final AttributeType<Integer> T38_FAX_MAX_DATAGRAM = uint("T38FaxMaxDatagram", Integer.MAX_VALUE);
    public static final AttributeType<Integer> T38_FAX_MAX_IFP = uint("T38FaxMaxIFP", Integer.MAX_VALUE);
    /** t38UDPFEC / t38UDPRedundancy (/ t38UDPNoEC). */
    public static final AttributeType<T38Token> T38_FAX_UDP_EC = AttributeType.of("T38FaxUdpEC", T38Token::udpEc,
            T38Token::token);
    public static final AttributeType<T38EcDepth> T38_FAX_UDP_EC_DEPTH = AttributeType.of("T38FaxUdpECDepth",
            T38EcDepth::parse, T38EcDepth::format);
    public static final AttributeType<Integer> T38_FAX_UDP_FEC_MAX_SPAN = uint("T38FaxUdpFECMaxSpan", Integer.MAX_VALUE);
    /** E.g. {@code t38G3FaxOnly}. */
    public static final AttributeType<String> T38_MODEM_TYPE = AttributeType.of("T38ModemType",
            v -> Checks.token(required(v), "T38ModemType"), v -> v);
    /** Vendor information text ({@code <t35country> <t35extension> <manufacturer>}), kept as written. */
    public static final AttributeType<String> T38_VENDOR_INFO = AttributeType.of("T38VendorInfo",
            v -> Checks.notEmpty(required(v), "T38VendorInfo"), v -> v);

    // ---- direction (RFC 8866 §6.7) ----

    /** The four direction property attributes, in RFC order. */
    public static final List<String> DIRECTIONS = List.of("sendrecv", "sendonly", "recvonly", "inactive");

    // ---- helpers ----

    /** A property attribute: reads {@code true} when present without value; a value is an error. */
    public static AttributeType<Boolean> flag(String name) {
        return AttributeType.of(name, v -> {
            if (v != null) {
                throw new IllegalArgumentException("property attribute takes no value");
            }
            return Boolean.TRUE;
        }, b -> {
            if (!b) {
                throw new IllegalArgumentException(name + ": a property attribute is written only when true; remove it instead");
            }
            return null;
        });
    }

    /** An unsigned decimal attribute 0..max. */
    public static AttributeType<Integer> uint(String name, int max) {
        return AttributeType.of(name, v -> parseUnsigned(v, max, name), String::valueOf);
    }

    /**
     * T.38 boolean attribute ({@code T38FaxFillBitRemoval}, {@code T38FaxTranscodingMMR},
     * {@code T38FaxTranscodingJBIG}): present without value, or {@code :1}, means true; {@code :0}
     * false; {@code true}/{@code false} accepted ignoring case. Written as the bare name for true and
     * {@code :0} for false. This follows how endpoints write them; the T.38 Annex D text was not
     * available to check against.
     */
    public static AttributeType<Boolean> t38Boolean(String name) {
        return AttributeType.of(name, v -> {
            if (v == null || v.equals("1") || v.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (v.equals("0") || v.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("expected no value, 0 or 1");
        }, b -> b ? null : "0");
    }

    private static String stripOneLeadingSpace(String v) {
        return v.startsWith(" ") ? v.substring(1) : v;
    }

    static String required(String v) {
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing value");
        }
        return v;
    }

    static int parseUnsigned(String v, int max, String what) {
        return (int) parseUnsignedLong(v, max, what);
    }

    static long parseUnsignedLong(String v, long max, String what) {
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(what + ": missing value");
        }
        if (!v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + ": \"" + v + "\" is not an unsigned decimal number");
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": \"" + v + "\" is too large (expected: 0.." + max + ")");
        }
        if (n > max) {
            throw new IllegalArgumentException(what + ": " + n + " (expected: 0.." + max + ")");
        }
        return n;
    }

    static long parseLong(String v, String what) {
        return parseUnsignedLong(v, Long.MAX_VALUE, what);
    }

    private static <T> List<T> words(String v, String what, Function<String, T> each) {
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(what + ": missing value");
        }
        List<T> out = new ArrayList<>();
        for (String w : v.split(" ", -1)) {
            if (w.isEmpty()) {
                throw new IllegalArgumentException(what + ": empty entry (entries are separated by one space)");
            }
            out.add(each.apply(w));
        }
        return List.copyOf(out);
    }

    private static <T> String join(List<T> l, Function<T, String> f) {
        List<String> s = new ArrayList<>();
        for (T t : l) {
            s.add(f.apply(t));
        }
        return String.join(" ", s);
    }

    private static <T> List<T> nonEmpty(List<T> l, String what) {
        if (l.isEmpty()) {
            throw new IllegalArgumentException(what + ": empty list");
        }
        return l;
    }

    private static List<String> parsePath(String v) {
        return words(v, "path", uri -> {
            String lower = uri.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("msrp://") && !lower.startsWith("msrps://")) {
                throw new IllegalArgumentException("path: \"" + uri + "\" is not an MSRP URI (expected: msrp:// or msrps://)");
            }
            if (lower.indexOf("://") + 3 >= uri.length()) {
                throw new IllegalArgumentException("path: \"" + uri + "\" has no authority");
            }
            return uri;
        });
    }

    /**
     * RFC 4975 §8.6: {@code format-entry = ((type "/" subtype) / (type "/" "*")) *(";" type-param) / "*"},
     * {@code type-param = parm-attribute "=" (token / quoted-string)}; entries are separated by one SP
     * (a quoted parameter value may contain spaces).
     */
    private static List<String> parseFormatList(String v, String what) {
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(what + ": missing value");
        }
        List<String> out = new ArrayList<>();
        for (String e : splitOutsideQuotes(v, what)) {
            if (e.isEmpty()) {
                throw new IllegalArgumentException(what + ": empty entry (entries are separated by one space)");
            }
            out.add(checkFormatEntry(e, what));
        }
        return List.copyOf(out);
    }

    private static String checkFormatEntry(String e, String what) {
        if (e.equals("*")) {
            return e;
        }
        String bad = what + ": \"" + e + "\" (expected: *, type/subtype or type/*, optionally ;param=value)";
        List<String> parts = splitParams(e, bad);
        String main = parts.get(0);
        int slash = main.indexOf('/');
        if (slash <= 0 || slash == main.length() - 1) {
            throw new IllegalArgumentException(bad);
        }
        String type = main.substring(0, slash);
        String sub = main.substring(slash + 1);
        if (type.equals("*") || !isToken(type) || !(sub.equals("*") || isToken(sub)) || sub.indexOf('/') >= 0) {
            throw new IllegalArgumentException(bad);
        }
        for (int i = 1; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = p.indexOf('=');
            if (eq <= 0 || !isToken(p.substring(0, eq))) {
                throw new IllegalArgumentException(bad);
            }
            String val = p.substring(eq + 1);
            boolean quoted = val.length() >= 2 && val.startsWith("\"") && val.endsWith("\"");
            if (!quoted && !isToken(val)) {
                throw new IllegalArgumentException(bad);
            }
        }
        return e;
    }

    /** Splits on ';' outside double quotes. */
    private static List<String> splitParams(String e, String bad) {
        List<String> out = new ArrayList<>();
        boolean inQuotes = false;
        int start = 0;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\\' && inQuotes) {
                i++;
            } else if (c == ';' && !inQuotes) {
                out.add(e.substring(start, i));
                start = i + 1;
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException(bad);
        }
        out.add(e.substring(start));
        return out;
    }

    /** Splits on single spaces outside double quotes (quoted-string of RFC 4566 / RFC 5547 values). */
    static List<String> splitOutsideQuotes(String v, String what) {
        List<String> out = new ArrayList<>();
        boolean inQuotes = false;
        int start = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\\' && inQuotes) {
                i++;
            } else if (c == ' ' && !inQuotes) {
                out.add(v.substring(start, i));
                start = i + 1;
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException(what + ": unterminated quoted string");
        }
        out.add(v.substring(start));
        return out;
    }

    private static String parseCid(String v) {
        required(v);
        if (!v.regionMatches(true, 0, "cid:", 0, 4) || v.length() == 4 || v.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("file-icon: \"" + v + "\" (expected: cid:<content-id>)");
        }
        return v;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Checks.isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
