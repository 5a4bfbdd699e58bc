package org.mediasec.h248.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.mediasec.h248.ActionReply;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.MessageBody;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.h248.text.TextLexer.ParseError;

/**
 * Recursive-descent parser for the H.248.1 Annex B text encoding: the message, transaction and
 * action levels. Descriptors are in {@link DescriptorParser}. One parser for versions 1 to 3;
 * version differences are checked with {@link #requireVersion(int, String)}.
 */
final class TextParser {
    static final long UINT32 = 0xFFFF_FFFFL;

    final TextLexer lx;
    final H248CodecConfig config;
    final DescriptorParser descriptors;
    final ActionParser actions;
    int version;
    int depth;

    // what the parser has seen so far, for RecoveredHeader
    MId mId;
    Long transactionId;
    boolean inRequest;

    TextParser(String text, H248CodecConfig config) {
        this.lx = new TextLexer(text);
        this.config = config;
        this.descriptors = new DescriptorParser(this);
        this.actions = new ActionParser(this);
    }

    RecoveredHeader recovered() {
        return new RecoveredHeader(version == 0 ? null : version, mId, transactionId, inRequest);
    }

    void requireVersion(int min, String what) {
        if (version < min) {
            throw lx.error(what + " needs protocol version " + min + " (message is version " + version + ")");
        }
    }

    /** Opens a brace, enforcing the nesting limit. */
    void open() {
        lx.expect('{');
        if (++depth > config.maxDepth()) {
            throw lx.error("nesting deeper than " + config.maxDepth());
        }
    }

    void close() {
        lx.expect('}');
        depth--;
    }

    /** {@code { item, item, ... }} with at least one item; the opening brace is next. */
    <T> List<T> list(Supplier<T> item) {
        open();
        List<T> out = new ArrayList<>();
        do {
            out.add(item.get());
        } while (lx.accept(','));
        close();
        return out;
    }

    /** Like {@link #list} but {@code { }} gives an empty list. */
    <T> List<T> optionalList(Supplier<T> item) {
        open();
        List<T> out = new ArrayList<>();
        if (lx.peek() != '}') {
            do {
                out.add(item.get());
            } while (lx.accept(','));
        }
        close();
        return out;
    }

    // ---------------------------------------------------------------- message

    H248Message message() {
        lx.skipLwsp();
        int at = lx.pos;
        String head = lx.word("MEGACO/version");
        int slash = head.indexOf('/');
        String prefix = slash < 0 ? head : head.substring(0, slash);
        if (slash < 0 || !(prefix.equalsIgnoreCase("MEGACO") || prefix.equals("!"))) {
            throw new ParseError("not an H.248 text message: expected MEGACO/ or !/", at);
        }
        String v = head.substring(slash + 1);
        version = (int) lx.parseNumber(v, "version", 99, at);
        if (version < 1) {
            throw new ParseError("version 0", at);
        }
        if (version > config.maxVersion()) {
            throw new VersionError(version, at);
        }
        if (!lx.skipLwsp()) {
            throw lx.error("expected white space after the version");
        }
        mId = mId();
        if (!lx.skipLwsp()) {
            throw lx.error("expected white space after the mId");
        }
        MessageBody body;
        if ("Error".equals(lx.peekKeyword())) {
            lx.word();
            body = descriptors.errorDescriptor();
        } else {
            List<Transaction> ts = new ArrayList<>();
            while (lx.peek() >= 0) {
                ts.add(transaction());
            }
            if (ts.isEmpty()) {
                throw lx.error("no transaction in message");
            }
            body = new TransactionList(ts);
        }
        if (lx.peek() >= 0) {
            throw lx.error("unexpected " + lx.describeNext() + " after the message");
        }
        return new H248Message(version, mId, body);
    }

    /** Version above the configured maximum: answered with 406. */
    static final class VersionError extends RuntimeException {
        final int version;
        final int position;

        VersionError(int version, int position) {
            super("version " + version + " not supported", null, false, false);
            this.version = version;
            this.position = position;
        }
    }

    /** {@code [IPv4]:port}, {@code [IPv6]:port}, {@code <domain>:port}, {@code MTP{hex}} or a device name. */
    MId mId() {
        int c = lx.peek();
        if (c == '[') {
            lx.pos++;
            int start = lx.pos;
            int end = lx.in.indexOf(']', start);
            if (end < 0 || end - start > 64) {
                throw lx.error("unterminated '[' in address");
            }
            String addr = lx.in.substring(start, end);
            lx.pos = end + 1;
            Integer port = port();
            return addr.indexOf(':') >= 0 ? new MId.Ip6(addr, port) : new MId.Ip4(addr, port);
        }
        if (c == '<') {
            lx.pos++;
            int start = lx.pos;
            int end = lx.in.indexOf('>', start);
            if (end < 0 || end - start > 255) {
                throw lx.error("unterminated '<' in domain name");
            }
            String name = lx.in.substring(start, end);
            lx.pos = end + 1;
            return new MId.Domain(name, port());
        }
        String w = lx.word("mId");
        if (Keywords.is(w, "MTP") && lx.peek() == '{') {
            lx.pos++;
            String hex = lx.word("MTP address");
            lx.expect('}');
            return new MId.Mtp(hex);
        }
        return new MId.Device(w);
    }

    /** {@code :port} directly after an address, or null. */
    private Integer port() {
        if (lx.pos < lx.in.length() && lx.in.charAt(lx.pos) == ':') {
            lx.pos++;
            int at = lx.pos;
            String digits = lx.word("port");
            return (int) lx.parseNumber(digits, "port", 65535, at);
        }
        return null;
    }

    // ---------------------------------------------------------------- transactions

    Transaction transaction() {
        int at = lx.pos;
        String w = lx.word("transaction");
        String k = Keywords.canonical(w);
        if (k == null) {
            throw new ParseError("expected a transaction but found \"" + w + "\"", at);
        }
        switch (k) {
            case "Transaction": {
                lx.expect('=');
                long id = lx.number("transaction id", UINT32);
                transactionId = id;
                inRequest = true;
                List<ActionRequest> actions = list(this.actions::actionRequest);
                inRequest = false;
                return new Transaction.Request(id, actions);
            }
            case "Reply":
                return reply();
            case "Pending": {
                lx.expect('=');
                long id = lx.number("transaction id", UINT32);
                transactionId = id;
                open();
                close();
                return new Transaction.Pending(id);
            }
            case "TransactionResponseAck": {
                return new Transaction.ResponseAck(list(this::ackRange));
            }
            case "Segment": {
                requireVersion(3, "Segment reply");
                lx.expect('=');
                int wat = lx.pos;
                long[] seg = segmented(lx.word("transaction id"), wat);
                if (seg[1] < 0) {
                    throw new ParseError("segment reply without segment number", wat);
                }
                return new Transaction.SegmentReply(seg[0], (int) seg[1], seg[2] == 1);
            }
            default:
                throw new ParseError("expected a transaction but found \"" + w + "\"", at);
        }
    }

    /** {@code id[/segment[/END]]} → {id, segment or -1, complete 0/1}. */
    private long[] segmented(String w, int at) {
        String[] parts = w.split("/", -1);
        if (parts.length > 3) {
            throw new ParseError("bad transaction id \"" + w + "\"", at);
        }
        long id = lx.parseNumber(parts[0], "transaction id", UINT32, at);
        transactionId = id;
        long seg = -1;
        long end = 0;
        if (parts.length >= 2) {
            requireVersion(3, "segment number");
            seg = lx.parseNumber(parts[1], "segment number", 65535, at);
        }
        if (parts.length == 3) {
            if (!Keywords.is(parts[2], "END")) {
                throw new ParseError("expected END after the segment number", at);
            }
            end = 1;
        }
        return new long[] {id, seg, end};
    }

    private Transaction.Reply reply() {
        lx.expect('=');
        int at = lx.pos;
        long[] seg = segmented(lx.word("transaction id"), at);
        open();
        boolean immAck = false;
        if ("ImmAckRequired".equals(lx.peekKeyword())) {
            lx.word();
            immAck = true;
            lx.expect(',');
        }
        ErrorDescriptor error = null;
        List<ActionReply> actions = new ArrayList<>();
        if ("Error".equals(lx.peekKeyword())) {
            lx.word();
            error = descriptors.errorDescriptor();
        } else {
            do {
                actions.add(this.actions.actionReply());
            } while (lx.accept(','));
        }
        close();
        return new Transaction.Reply(seg[0], immAck, seg[1] < 0 ? null : (int) seg[1], seg[2] == 1, error, actions);
    }

    private Transaction.AckRange ackRange() {
        int at = lx.pos;
        String w = lx.word("transaction id");
        int dash = w.indexOf('-');
        if (dash < 0) {
            return Transaction.AckRange.of(lx.parseNumber(w, "transaction id", UINT32, at));
        }
        long first = lx.parseNumber(w.substring(0, dash), "transaction id", UINT32, at);
        long last = lx.parseNumber(w.substring(dash + 1), "transaction id", UINT32, at);
        if (last < first) {
            throw new ParseError("ack range " + w + ": last < first", at);
        }
        return new Transaction.AckRange(first, last);
    }

    // ---------------------------------------------------------------- actions

    ContextId contextId() {
        int at = lx.pos;
        String w = lx.word("context id");
        switch (w) {
            case "-":
                return ContextId.NULL;
            case "$":
                return ContextId.CHOOSE;
            case "*":
                return ContextId.ALL;
            default:
                return ContextId.of(lx.parseNumber(w, "context id", UINT32, at));
        }
    }

    void expectContext() {
        int at = lx.pos;
        String w = lx.word("Context");
        if (!Keywords.is(w, "Context")) {
            throw new ParseError("expected Context but found \"" + w + "\"", at);
        }
        lx.expect('=');
    }

    // ---------------------------------------------------------------- commands

    TerminationId terminationId() {
        int at = lx.pos;
        String w = lx.word("TerminationID");
        if (!org.mediasec.h248.Names.isPathName(w)) {
            throw new ParseError("\"" + w + "\" is not a TerminationID", at);
        }
        return new TerminationId(w);
    }

}
