package org.mediasec.msrp.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.mediasec.common.Bytes;
import org.mediasec.msrp.MsrpContent;
import org.mediasec.msrp.MsrpContinuation;
import org.mediasec.msrp.MsrpEndLineSearch;
import org.mediasec.msrp.MsrpHeader;
import org.mediasec.msrp.MsrpMessage;
import org.mediasec.msrp.MsrpMethod;
import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpResponse;
import org.mediasec.msrp.MsrpStatus;
import org.mediasec.msrp.MsrpSyntax;
import org.mediasec.msrp.MsrpUri;

/**
 * The pure MSRP codec (RFC 4975 §7, §9): one frame (start line to end-line) ↔ one {@link MsrpMessage}.
 * No channel, no logging, no clock. {@link #decode} never throws on wire input.
 *
 * <p>Encoding is canonical, in the order of the RFC 4975 §9 grammar ({@code headers = To-Path CRLF
 * From-Path CRLF 1*( header CRLF )}, {@code content-stuff = *(Other-Mime-header CRLF) Content-Type
 * 2CRLF data CRLF}): start line, To-Path, From-Path, the other headers in model (= wire) order, then
 * the body's MIME headers, Content-Type, an empty line, the body and CRLF, and the end-line. Every RFC
 * example (corpus/msrp) re-encodes byte for byte.
 *
 * <p>Decoding follows that grammar, and is tolerant beyond it where the model can hold the message:
 * header names in any case (ABNF strings are case-insensitive), To-Path/From-Path anywhere in the
 * header block (they are re-emitted first), Content-Type before other headers (re-emitted last), any
 * run of spaces or tabs after the colon where the grammar has one SP (as RFC 7977 §8 prints; re-emitted
 * as one SP), responses with no header after From-Path (RFC 4975 §4 prints one, though {@code 1*( header
 * CRLF )} asks for one).
 */
public final class MsrpCodec {
    static final byte CR = '\r';
    static final byte LF = '\n';

    private MsrpCodec() {
    }

    // ------------------------------------------------------------------ encode

    /**
     * Writes {@code message} to {@code out}. The model guarantees every field is encodable, so this
     * only throws on a programmer error (a null argument).
     */
    public static void encode(MsrpMessage message, ByteBuf out) {
        StringBuilder sb = head(message);
        MsrpContinuation flag = MsrpContinuation.COMPLETE;
        if (message instanceof MsrpRequest r) {
            flag = r.continuation();
            if (r.content().isPresent()) {
                appendContentHead(sb, r.content().get());
                out.writeCharSequence(sb, StandardCharsets.UTF_8);
                sb.setLength(0);
                out.writeBytes(r.content().get().data().asReadOnlyByteBuffer()); // no clone of the body
                sb.append("\r\n");
            }
        }
        sb.append(MsrpMessage.endLine(message.transactionId(), flag)).append("\r\n");
        out.writeCharSequence(sb, StandardCharsets.UTF_8);
    }

    /**
     * Writes the head of a request whose body follows separately (a streamed chunk): start line,
     * To-Path, From-Path, the headers, the content's MIME headers, Content-Type and the empty line. The
     * body, then {@link #endLine} complete the request; the request's own (empty) body and flag are
     * not written.
     *
     * @throws IllegalArgumentException when the request has no content (no Content-Type to write)
     */
    public static void encodeHead(MsrpRequest request, ByteBuf out) {
        MsrpContent c = request.content().orElseThrow(() ->
                new IllegalArgumentException("request: no content, so no body can follow"));
        StringBuilder sb = head(request);
        appendContentHead(sb, c);
        out.writeCharSequence(sb, StandardCharsets.UTF_8);
    }

    /**
     * The CRLF that ends a body and the end-line (RFC 4975 §7.1: "If a body is present, the end-line
     * MUST be preceded by a CRLF that is not part of the body."), with its own CRLF.
     */
    public static void endLine(String transactionId, MsrpContinuation flag, ByteBuf out) {
        out.writeCharSequence("\r\n" + MsrpMessage.endLine(transactionId, flag) + "\r\n", StandardCharsets.US_ASCII);
    }

    private static StringBuilder head(MsrpMessage message) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("MSRP ").append(message.transactionId()).append(' ');
        if (message instanceof MsrpRequest r) {
            sb.append(r.method().name());
        } else {
            MsrpResponse r = (MsrpResponse) message;
            int code = r.status().code(); // 3 digits (RFC 4975 §9 status-code = 3DIGIT); no String.format on the hot path
            sb.append((char) ('0' + code / 100 % 10)).append((char) ('0' + code / 10 % 10)).append((char) ('0' + code % 10));
            r.comment().ifPresent(c -> sb.append(' ').append(c));
        }
        sb.append("\r\n");
        appendPath(sb, MsrpHeader.TO_PATH, message.toPath());
        appendPath(sb, MsrpHeader.FROM_PATH, message.fromPath());
        for (MsrpHeader h : message.headers()) {
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        return sb;
    }

    private static void appendContentHead(StringBuilder sb, MsrpContent c) {
        for (MsrpContent.MimeHeader m : c.mimeHeaders()) {
            sb.append(m.name()).append(": ").append(m.value()).append("\r\n");
        }
        sb.append(MsrpHeader.CONTENT_TYPE).append(": ").append(c.contentType()).append("\r\n\r\n");
    }

    /** The encoded message as {@link Bytes}. */
    public static Bytes toBytes(MsrpMessage message) {
        ByteBuf buf = Unpooled.buffer(256);
        try {
            encode(message, buf);
            byte[] b = new byte[buf.readableBytes()];
            buf.readBytes(b);
            return Bytes.ownedBy(b);
        } finally {
            buf.release();
        }
    }

    private static void appendPath(StringBuilder sb, String name, List<MsrpUri> uris) {
        sb.append(name).append(':');
        for (MsrpUri u : uris) {
            sb.append(' ').append(u);
        }
        sb.append("\r\n");
    }

    // ------------------------------------------------------------------ decode

    /** {@link #decode(ByteBuf, MsrpLimits)} with {@link MsrpLimits#DEFAULT}. */
    public static DecodeResult decode(ByteBuf frame) {
        return decode(frame, MsrpLimits.DEFAULT);
    }

    /**
     * Decodes one frame: all readable bytes of {@code frame}, from the start line through the
     * end-line (its CRLF may be missing). Consumes the readable bytes. Never throws on wire input.
     */
    public static DecodeResult decode(ByteBuf frame, MsrpLimits limits) {
        return decode(frame, limits, false);
    }

    /**
     * {@link #decode(ByteBuf, MsrpLimits)} for a frame a stream decoder has delimited, such as
     * {@code MsrpFrameDecoder} does: the caller has found that the frame's last line,
     * {@code -------<tid><flag> CRLF} after a CRLF, is its first end-line. That end-line is then
     * taken from the end of the frame instead of being searched for from the start line, which saves
     * a scan of the body. The result is the same as {@link #decode(ByteBuf, MsrpLimits)}'s for such a
     * frame; a frame that does not end so is decoded by the full search. (If the caller is wrong and
     * an earlier line is an end-line too, the frame is still rejected: in the body by the
     * {@link MsrpRequest} check, in the headers as a bad header line; only the reason differs.)
     */
    public static DecodeResult decodeDelimited(ByteBuf frame, MsrpLimits limits) {
        return decode(frame, limits, true, false);
    }

    /**
     * {@link #decodeDelimited(ByteBuf, MsrpLimits)} for a caller that, while delimiting, searched the
     * whole body for {@code -------<tid>} and found it nowhere before the end-line (as
     * {@code MsrpFrameDecoder} does): the body's RFC 4975 §7.1 end-line check in the
     * {@link MsrpRequest} constructor is then not run a second time
     * ({@link org.mediasec.msrp.MsrpTransactionIds#provenFree}). With {@code bodySearched} false it is
     * {@link #decodeDelimited(ByteBuf, MsrpLimits)}.
     */
    public static DecodeResult decodeDelimited(ByteBuf frame, MsrpLimits limits, boolean bodySearched) {
        return decode(frame, limits, true, bodySearched);
    }

    private static DecodeResult decode(ByteBuf frame, MsrpLimits limits, boolean delimited) {
        return decode(frame, limits, delimited, false);
    }

    /**
     * Decodes a request whose body a stream decoder collected apart from its head ({@code
     * MsrpFrameDecoder} copies large bodies straight into their own array): {@code head[0, headLength)}
     * is the start line and the header lines through the empty line (its final CRLF CRLF), {@code body}
     * the octets between that empty line and the CRLF before the end-line {@code -------<tid><flag>}.
     * The result equals {@link #decodeDelimited(ByteBuf, MsrpLimits, boolean)}'s for the whole frame
     * {@code head + body + CRLF + end-line + CRLF}. Never throws on wire input.
     */
    public static DecodeResult decodeWithBody(byte[] head, int headLength, Bytes body, String transactionId,
                                              MsrpContinuation flag, MsrpLimits limits, boolean bodySearched) {
        // head + CRLF "-------" tid flag CRLF: the empty line is then directly followed by the end-line,
        // which the parser reads as an empty body; the body handed in takes its place
        byte[] end = ("\r\n-------" + transactionId).getBytes(StandardCharsets.US_ASCII);
        byte[] frame = Arrays.copyOf(head, headLength + end.length + 3);
        System.arraycopy(end, 0, frame, headLength, end.length);
        frame[frame.length - 3] = (byte) flag.flag();
        frame[frame.length - 2] = CR;
        frame[frame.length - 1] = LF;
        Parser p = new Parser(frame, 0, frame.length, limits, true, bodySearched);
        p.externalBody = java.util.Objects.requireNonNull(body, "body");
        try {
            return new DecodeResult.Ok(p.parse());
        } catch (MalformedException e) {
            return new DecodeResult.Malformed(e.getMessage(), p.recovered());
        } catch (RuntimeException e) {
            return new DecodeResult.Malformed(String.valueOf(e.getMessage()), p.recovered());
        }
    }

    private static DecodeResult decode(ByteBuf frame, MsrpLimits limits, boolean delimited, boolean bodySearched) {
        int n = frame.readableBytes();
        if (frame.hasArray()) {
            // Heap frame (what MsrpFrameDecoder hands over): parse in place; the body is copied once, into Bytes.
            int from = frame.arrayOffset() + frame.readerIndex();
            frame.skipBytes(n);
            return decode(frame.array(), from, from + n, limits, delimited, bodySearched);
        }
        byte[] b = new byte[n];
        frame.readBytes(b);
        return decode(b, 0, n, limits, delimited, bodySearched);
    }

    /** Decodes one frame held in {@code b}. Never throws on wire input. */
    public static DecodeResult decode(byte[] b, MsrpLimits limits) {
        return decode(b, 0, b.length, limits);
    }

    /**
     * Decodes one frame held in {@code b[from, to)}; reads nothing outside that range and keeps no
     * reference to {@code b}. Never throws on wire input.
     */
    public static DecodeResult decode(byte[] b, int from, int to, MsrpLimits limits) {
        return decode(b, from, to, limits, false);
    }

    private static DecodeResult decode(byte[] b, int from, int to, MsrpLimits limits, boolean delimited) {
        return decode(b, from, to, limits, delimited, false);
    }

    private static DecodeResult decode(byte[] b, int from, int to, MsrpLimits limits, boolean delimited,
                                       boolean bodySearched) {
        java.util.Objects.checkFromToIndex(from, to, b.length);
        Parser p = new Parser(b, from, to, limits, delimited, bodySearched);
        try {
            return new DecodeResult.Ok(p.parse());
        } catch (MalformedException e) {
            return new DecodeResult.Malformed(e.getMessage(), p.recovered());
        } catch (RuntimeException e) {
            // A record constructor rejected a value the parser let through: still malformed input.
            return new DecodeResult.Malformed(String.valueOf(e.getMessage()), p.recovered());
        }
    }

    /**
     * Parses the start line {@code MSRP SP transact-id SP ...} in {@code line} (CRLF excluded) far
     * enough to return the transaction id, or {@code null} when it is not an MSRP start line. The
     * stream decoder uses it to know which end-line to look for.
     */
    public static String startLineTransactionId(ByteBuf buf, int from, int to) {
        int len = to - from;
        if (len < 5 + 4 + 2 || buf.getByte(from) != 'M' || buf.getByte(from + 1) != 'S'
                || buf.getByte(from + 2) != 'R' || buf.getByte(from + 3) != 'P' || buf.getByte(from + 4) != ' ') {
            return null;
        }
        int i = from + 5;
        int start = i;
        while (i < to && buf.getByte(i) != ' ') {
            i++;
        }
        if (i >= to || i - start < 4 || i - start > 32) {
            return null;
        }
        String tid = buf.toString(start, i - start, StandardCharsets.ISO_8859_1);
        return MsrpSyntax.isIdent(tid) ? tid : null;
    }

    /** Thrown inside the parser only; carries no stack trace, never escapes {@link #decode}. */
    static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    private static final class Parser {
        private final byte[] b;
        /** The frame is {@code b[lo, hi)}; every position below is an index into {@code b}. */
        private final int lo;
        private final int hi;
        /** The caller vouches that the last line, if an end-line, is the first one. */
        private final boolean delimited;
        private final boolean bodySearched;
        /** The body, when it was collected apart from the frame ({@link #decodeWithBody}). */
        private Bytes externalBody;
        private final MsrpLimits limits;
        private String tid;
        private MsrpMethod method;
        private MsrpStatus status;
        private List<MsrpUri> toPath;
        private List<MsrpUri> fromPath;
        private MsrpHeader.FailureReport failureReport;

        Parser(byte[] b, int lo, int hi, MsrpLimits limits, boolean delimited, boolean bodySearched) {
            this.b = b;
            this.lo = lo;
            this.hi = hi;
            this.delimited = delimited;
            this.bodySearched = bodySearched;
            this.limits = limits;
        }

        Optional<RecoveredHeader> recovered() {
            if (tid == null) {
                return Optional.empty();
            }
            return Optional.of(new RecoveredHeader(tid, Optional.ofNullable(method), Optional.ofNullable(status),
                    toPath == null ? List.of() : toPath, fromPath == null ? List.of() : fromPath,
                    failureReport == null ? MsrpHeader.FailureReport.Kind.YES : failureReport.kind()));
        }

        MsrpMessage parse() {
            int startEnd = indexOfCrlf(lo, hi);
            if (startEnd < 0) {
                throw new MalformedException("no CRLF after the start line");
            }
            if (startEnd - lo > limits.maxLineLength()) {
                throw new MalformedException("start line longer than " + limits.maxLineLength());
            }
            Optional<String> comment = parseStartLine(startEnd);

            // end-line: the first CRLF "-------" tid flag [CRLF] after the start line (RFC 4975 §7.1),
            // found with a skipping search for "-------" tid, whose hits are then checked for the CRLF
            // before and the flag (and CRLF or end of frame) after.
            MsrpEndLineSearch search = MsrpEndLineSearch.of(tid);
            int m = search.length();
            int endIdx = -1;
            MsrpContinuation flag = null;
            int from = startEnd + 2;
            int tail = hi - 3 - m; // where "-------" tid would start in a last line "-------" tid flag CRLF
            if (delimited && tail >= from && b[hi - 2] == CR && b[hi - 1] == LF && b[tail - 2] == CR && b[tail - 1] == LF
                    && MsrpContinuation.fromFlag(b[hi - 3]) != null && search.indexIn(b, tail, hi - 3) == tail) {
                endIdx = tail - 2;
                flag = MsrpContinuation.fromFlag(b[hi - 3]);
            }
            while (endIdx < 0) {
                int at = search.indexIn(b, from, hi - 1); // leave room for the flag
                if (at < 0) {
                    break;
                }
                int f = at + m;
                MsrpContinuation c = MsrpContinuation.fromFlag(b[f]);
                boolean atEnd = f + 1 == hi;
                if (c != null && b[at - 2] == CR && b[at - 1] == LF
                        && (atEnd || (f + 2 < hi && b[f + 1] == CR && b[f + 2] == LF))) {
                    endIdx = at - 2;
                    flag = c;
                    int after = atEnd ? hi : f + 3;
                    if (after != hi) {
                        throw new MalformedException("data after the end-line");
                    }
                    break;
                }
                from = at + 1;
            }
            if (endIdx < 0) {
                throw new MalformedException("no end-line -------" + tid + "[$+#]");
            }

            List<MsrpHeader> headers = new ArrayList<>();
            List<MsrpContent.MimeHeader> mime = new ArrayList<>();
            String contentType = null;
            Bytes body = null;
            int count = 0;
            int pos = startEnd + 2;
            while (pos < endIdx + 2) {
                int crlf = indexOfCrlf(pos, endIdx + 2);
                if (crlf - pos > limits.maxLineLength()) {
                    throw new MalformedException("header line longer than " + limits.maxLineLength());
                }
                if (crlf == pos) {
                    int bodyStart = crlf + 2;
                    // bodyStart > endIdx: the empty line is itself followed by the end-line (no CRLF
                    // of its own before it); accepted as an empty body.
                    body = externalBody != null ? externalBody
                            : bodyStart >= endIdx ? Bytes.EMPTY : Bytes.of(b, bodyStart, endIdx - bodyStart);
                    break;
                }
                if (++count > limits.maxHeaderCount()) {
                    throw new MalformedException("more than " + limits.maxHeaderCount() + " headers");
                }
                int colon = indexOf((byte) ':', pos, crlf);
                if (colon <= pos) {
                    throw new MalformedException("header line without a name and colon");
                }
                String name = ascii(pos, colon);
                if (!MsrpSyntax.isToken(name)) {
                    throw new MalformedException("bad header name \"" + name + "\"");
                }
                int v = colon + 1;
                while (v < crlf && (b[v] == ' ' || b[v] == '\t')) {
                    v++;
                }
                String value = utf8(v, crlf);
                if (!MsrpSyntax.isText(value)) {
                    throw new MalformedException(name + ": control character in value");
                }
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                switch (lower) {
                    case "to-path" -> {
                        if (toPath != null) {
                            throw new MalformedException("To-Path appears twice");
                        }
                        toPath = uris(name, value);
                    }
                    case "from-path" -> {
                        if (fromPath != null) {
                            throw new MalformedException("From-Path appears twice");
                        }
                        fromPath = uris(name, value);
                    }
                    case "content-type" -> {
                        if (contentType != null) {
                            throw new MalformedException("Content-Type appears twice");
                        }
                        contentType = value.strip();
                        if (contentType.isEmpty()) {
                            throw new MalformedException("empty Content-Type");
                        }
                    }
                    default -> {
                        if (lower.startsWith("content-")) {
                            mime.add(new MsrpContent.MimeHeader(name, value));
                        } else {
                            MsrpHeader h = HeaderValues.parse(lower, name, value);
                            for (MsrpHeader prev : headers) {
                                if (!(h instanceof MsrpHeader.Extension) && prev.getClass() == h.getClass()) {
                                    throw new MalformedException(h.name() + " appears twice");
                                }
                            }
                            if (h instanceof MsrpHeader.FailureReport fr) {
                                failureReport = fr;
                            }
                            headers.add(h);
                        }
                    }
                }
                pos = crlf + 2;
            }
            if (toPath == null) {
                throw new MalformedException("no To-Path");
            }
            if (fromPath == null) {
                throw new MalformedException("no From-Path");
            }
            if (status != null) {
                if (body != null || contentType != null || !mime.isEmpty()) {
                    throw new MalformedException("a response carries no body");
                }
                return new MsrpResponse(tid, status, comment, toPath, fromPath, headers);
            }
            Optional<MsrpContent> content = Optional.empty();
            if (body != null) {
                if (contentType == null) {
                    throw new MalformedException("body without Content-Type");
                }
                if (body.size() > limits.maxChunkSize()) {
                    throw new MalformedException("body larger than " + limits.maxChunkSize());
                }
                content = Optional.of(new MsrpContent(contentType, mime, body));
            } else if (contentType != null || !mime.isEmpty()) {
                throw new MalformedException("Content-Type or Content-* header without a body");
            }
            if (bodySearched && content.isPresent()) {
                org.mediasec.msrp.MsrpTransactionIds.provenFree(tid, content.get().data());
            }
            return new MsrpRequest(tid, method, toPath, fromPath, headers, content, flag);
        }

        /** Reads {@code MSRP SP transact-id SP (method / status-code [SP comment])}; returns the comment. */
        private Optional<String> parseStartLine(int end) {
            if (end - lo < 5 || b[lo] != 'M' || b[lo + 1] != 'S' || b[lo + 2] != 'R' || b[lo + 3] != 'P' || b[lo + 4] != ' ') {
                throw new MalformedException("start line does not begin with \"MSRP \"");
            }
            int sp = indexOf((byte) ' ', lo + 5, end);
            if (sp < 0) {
                throw new MalformedException("start line has no method or status");
            }
            String id = ascii(lo + 5, sp);
            if (!MsrpSyntax.isIdent(id)) {
                throw new MalformedException("bad transaction id");
            }
            tid = id;
            int r = sp + 1;
            if (end - r >= 3 && isDigit(b[r]) && isDigit(b[r + 1]) && isDigit(b[r + 2]) && (end == r + 3 || b[r + 3] == ' ')) {
                status = MsrpStatus.of((b[r] - '0') * 100 + (b[r + 1] - '0') * 10 + (b[r + 2] - '0'));
                if (end == r + 3) {
                    return Optional.empty();
                }
                String c = utf8(r + 4, end);
                if (!MsrpSyntax.isText(c)) {
                    throw new MalformedException("control character in the response comment");
                }
                return Optional.of(c);
            }
            String m = ascii(r, end);
            if (!MsrpSyntax.isMethod(m)) {
                throw new MalformedException("bad method \"" + m + "\"");
            }
            method = MsrpMethod.of(m);
            return Optional.empty();
        }

        private List<MsrpUri> uris(String name, String value) {
            List<MsrpUri> out = HeaderValues.uris(value);
            if (out == null) {
                throw new MalformedException(name + ": not a list of MSRP URIs");
            }
            return out;
        }

        private static boolean isDigit(byte c) {
            return c >= '0' && c <= '9';
        }

        private int indexOfCrlf(int from, int to) {
            for (int i = from; i + 1 < to; i++) {
                if (b[i] == CR && b[i + 1] == LF) {
                    return i;
                }
            }
            return -1;
        }

        private int indexOf(byte c, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] == c) {
                    return i;
                }
            }
            return -1;
        }

        private String ascii(int from, int to) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private String utf8(int from, int to) {
            String s = HeaderValues.strictUtf8(b, from, to - from);
            if (s == null) {
                throw new MalformedException("invalid UTF-8");
            }
            return s;
        }
    }
}
