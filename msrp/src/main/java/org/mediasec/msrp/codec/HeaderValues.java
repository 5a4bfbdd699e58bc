package org.mediasec.msrp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpSyntax;
import org.mediasec.msrp.MsrpUri;

/** Parsers for the values of the typed headers (RFC 4975 §9, RFC 4976 §7). Package-private. */
final class HeaderValues {
    private HeaderValues() {
    }

    /** Parses a header that is not To-Path, From-Path or Content-*; {@code lower} is the lower-case name. */
    static MsrpHeader parse(String lower, String name, String value) {
        String v = value.strip();
        return switch (lower) {
            case "message-id" -> {
                if (!MsrpSyntax.isIdent(v)) {
                    throw new MsrpCodec.MalformedException("Message-ID: not an ident");
                }
                yield new MsrpHeader.MessageId(v);
            }
            case "byte-range" -> byteRange(v);
            case "success-report" -> {
                if (v.equalsIgnoreCase("yes")) {
                    yield MsrpHeader.SuccessReport.YES;
                }
                if (v.equalsIgnoreCase("no")) {
                    yield MsrpHeader.SuccessReport.NO;
                }
                throw new MsrpCodec.MalformedException("Success-Report: expected yes or no");
            }
            case "failure-report" -> {
                if (v.equalsIgnoreCase("yes")) {
                    yield MsrpHeader.FailureReport.YES;
                }
                if (v.equalsIgnoreCase("no")) {
                    yield MsrpHeader.FailureReport.NO;
                }
                if (v.equalsIgnoreCase("partial")) {
                    yield MsrpHeader.FailureReport.PARTIAL;
                }
                throw new MsrpCodec.MalformedException("Failure-Report: expected yes, no or partial");
            }
            // not stripped: trailing white space belongs to the comment (comment = utf8text)
            case "status" -> status(value);
            case "use-path" -> {
                List<MsrpUri> uris = uris(v);
                if (uris == null) {
                    throw new MsrpCodec.MalformedException("Use-Path: not a list of MSRP URIs");
                }
                yield new MsrpHeader.UsePath(uris);
            }
            case "expires" -> new MsrpHeader.Expires(seconds(name, v));
            case "min-expires" -> new MsrpHeader.MinExpires(seconds(name, v));
            case "max-expires" -> new MsrpHeader.MaxExpires(seconds(name, v));
            case "www-authenticate" -> new MsrpHeader.WwwAuthenticate(value);
            case "authorization" -> new MsrpHeader.Authorization(value);
            case "authentication-info" -> new MsrpHeader.AuthenticationInfo(value);
            default -> new MsrpHeader.Extension(name, value);
        };
    }

    /**
     * RFC 4975 §9 {@code Byte-Range = "Byte-Range:" SP range-start "-" range-end "/" total}, {@code
     * range-start = 1*DIGIT}, {@code range-end = 1*DIGIT / "*"}, {@code total = 1*DIGIT / "*"}; beyond
     * the grammar, §7.1.1 "The first octet in the message has a position of one" (so range-start is at
     * least 1; {@code 1-0/0} is the empty range) and the range must fit in the total.
     */
    static MsrpHeader.ByteRange byteRange(String v) {
        int dash = v.indexOf('-');
        int slash = v.indexOf('/');
        if (dash <= 0 || slash <= dash + 1 || slash == v.length() - 1) {
            throw new MsrpCodec.MalformedException("Byte-Range: expected start-end/total");
        }
        long start = number(v.substring(0, dash), false);
        long end = number(v.substring(dash + 1, slash), true);
        long total = number(v.substring(slash + 1), true);
        if (start < 1 || (end != MsrpHeader.ByteRange.UNKNOWN && end < start - 1)
                || (total != MsrpHeader.ByteRange.UNKNOWN && end != MsrpHeader.ByteRange.UNKNOWN && total < end)) {
            throw new MsrpCodec.MalformedException("Byte-Range: inconsistent " + v);
        }
        return new MsrpHeader.ByteRange(start, end, total);
    }

    /**
     * RFC 4975 §9 {@code Status = "Status:" SP namespace SP status-code [SP comment]}, {@code namespace
     * = 3(DIGIT)}, {@code comment = utf8text}: {@code v} is the value after the colon and its SP.
     */
    static MsrpHeader.Status status(String v) {
        if (v.length() < 7 || v.charAt(3) != ' ' || !digits(v, 0, 3) || !digits(v, 4, 7)
                || (v.length() > 7 && v.charAt(7) != ' ')) {
            throw new MsrpCodec.MalformedException("Status: expected namespace SP status-code [SP comment]");
        }
        int ns = Integer.parseInt(v, 0, 3, 10);
        int code = Integer.parseInt(v, 4, 7, 10);
        Optional<String> reason = v.length() > 7 ? Optional.of(v.substring(8)) : Optional.empty();
        return new MsrpHeader.Status(ns, MsrpStatus.of(code), reason);
    }

    /** {@code MSRP-URI *(SP MSRP-URI)}; {@code null} if any URI is bad. */
    static List<MsrpUri> uris(String v) {
        String s = v.strip();
        if (s.isEmpty()) {
            return null;
        }
        // split on runs of SP / HTAB by hand: String.split("[ \t]+") compiles a regex per call, and
        // every request has two paths
        List<MsrpUri> out = new ArrayList<>(2);
        int i = 0;
        int n = s.length();
        while (i < n) {
            int j = i;
            while (j < n && s.charAt(j) != ' ' && s.charAt(j) != '\t') {
                j++;
            }
            Optional<MsrpUri> u = MsrpUri.tryParse(s.substring(i, j));
            if (u.isEmpty()) {
                return null;
            }
            out.add(u.get());
            while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t')) {
                j++;
            }
            i = j;
        }
        return out;
    }

    private static long seconds(String name, String v) {
        if (v.isEmpty() || v.length() > 10 || !digits(v, 0, v.length())) {
            throw new MsrpCodec.MalformedException(name + ": expected 1*DIGIT");
        }
        return Long.parseLong(v);
    }

    private static long number(String s, boolean starAllowed) {
        if (starAllowed && s.equals("*")) {
            return MsrpHeader.ByteRange.UNKNOWN;
        }
        if (s.isEmpty() || s.length() > 18 || !digits(s, 0, s.length())) {
            throw new MsrpCodec.MalformedException("Byte-Range: bad number \"" + s + "\"");
        }
        return Long.parseLong(s);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Strict UTF-8 decoding; {@code null} on malformed input. */
    static String strictUtf8(byte[] b, int off, int len) {
        boolean ascii = true;
        for (int i = off; i < off + len; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
