package org.mediasec.h248.text;

import org.mediasec.h248.Names;

/**
 * The one tokenizer of the text codec: a cursor over the message text (octets mapped 1:1 to chars)
 * that skips LWSP and {@code ;} comments and reads SafeChars words, single punctuation characters,
 * quoted strings and raw brace content (SDP, digit maps). Failures throw {@link ParseError}, which
 * the codec turns into {@code Malformed}; nothing escapes to the caller.
 */
final class TextLexer {
    /** {@link Names#isSafeChar} for the Latin-1 range, as a table (it is asked for every octet of every word). */
    private static final boolean[] SAFE = new boolean[256];

    static {
        for (char c = 0; c < SAFE.length; c++) {
            SAFE[c] = Names.isSafeChar(c);
        }
    }

    final String in;
    private final int length;
    int pos;

    TextLexer(String in) {
        this.in = in;
        this.length = in.length();
    }

    private static boolean safe(char c) {
        return c < 256 && SAFE[c];
    }

    /** Unchecked, stack-trace-free parse failure (garbage must be cheap). */
    static final class ParseError extends RuntimeException {
        final int position;

        ParseError(String message, int position) {
            super(message, null, false, false);
            this.position = position;
        }
    }

    ParseError error(String message) {
        return new ParseError(message, pos);
    }

    boolean eof() {
        return pos >= length;
    }

    /** Skips white space, line ends and comments ({@code ;} to end of line). Returns whether anything was skipped. */
    boolean skipLwsp() {
        int start = pos;
        int p = pos;
        while (p < length) {
            char c = in.charAt(p);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                p++;
            } else if (c == ';') {
                while (p < length && in.charAt(p) != '\n' && in.charAt(p) != '\r') {
                    p++;
                }
            } else {
                break;
            }
        }
        pos = p;
        return p > start;
    }

    /** Next significant character (after LWSP), or -1 at the end; does not consume it. */
    int peek() {
        skipLwsp();
        return pos < length ? in.charAt(pos) : -1;
    }

    /** Consumes {@code c} (after LWSP) if it is next. */
    boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "' but found " + describeNext());
        }
    }

    String describeNext() {
        int c = peek();
        if (c < 0) {
            return "end of message";
        }
        int end = pos;
        while (end < length && end - pos < 20 && safe(in.charAt(end))) {
            end++;
        }
        return end > pos ? "\"" + in.substring(pos, end) + "\"" : "'" + (char) c + "'";
    }

    /** A run of SafeChars after LWSP; the empty string if none. */
    String word() {
        skipLwsp();
        int start = pos;
        int end = wordEnd(start);
        pos = end;
        return in.substring(start, end);
    }

    private int wordEnd(int start) {
        int p = start;
        while (p < length && safe(in.charAt(p))) {
            p++;
        }
        return p;
    }

    /** A non-empty word or a failure naming {@code what}. */
    String word(String what) {
        String w = word();
        if (w.isEmpty()) {
            throw error("expected " + what + " but found " + describeNext());
        }
        return w;
    }

    /** The next word without consuming it. */
    String peekWord() {
        int save = pos;
        String w = word();
        pos = save;
        return w;
    }

    /**
     * {@code Keywords.canonical(peekWord())} without copying the word: the long token of the next
     * word, or null if it is none (or there is no word). Consumes nothing.
     */
    String peekKeyword() {
        int save = pos;
        skipLwsp();
        int start = pos;
        pos = save;
        return Keywords.canonical(in, start, wordEnd(start));
    }

    /** Content of a quoted string; the opening quote is next (after LWSP). */
    String quoted() {
        expect('"');
        int start = pos;
        while (pos < length) {
            char c = in.charAt(pos);
            if (c == '"') {
                String s = in.substring(start, pos);
                pos++;
                return s;
            }
            if (c == '\r' || c == '\n') {
                break;
            }
            pos++;
        }
        throw error("unterminated quoted string");
    }

    /**
     * Raw octets up to the matching unescaped {@code '}'} (consumed), for Local/Remote SDP
     * ({@code octetString}, where {@code \}} escapes a brace) and digit map values; stripped of
     * surrounding white space.
     */
    String rawUntilClose(boolean escapes) {
        int start = pos;
        while (pos < length) {
            char c = in.charAt(pos);
            if (escapes && c == '\\' && pos + 1 < length) {
                pos += 2;
                continue;
            }
            if (c == '}') {
                String s = in.substring(start, pos).strip();
                pos++;
                return s;
            }
            if (!escapes && (c == '{' || c == '"' || c == ';')) {
                throw error("unexpected '" + c + "' in digit map");
            }
            pos++;
        }
        throw error("unterminated '{' (raw content)");
    }

    /** Reads an unsigned decimal number in [0, max] as one word. */
    long number(String what, long max) {
        int start = pos;
        String w = word(what);
        return parseNumber(w, what, max, start);
    }

    long parseNumber(String w, String what, long max, int at) {
        if (w.isEmpty() || w.length() > 10) {
            throw new ParseError(what + ": \"" + w + "\" is not a number", at);
        }
        long v = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < '0' || c > '9') {
                throw new ParseError(what + ": \"" + w + "\" is not a number", at);
            }
            v = v * 10 + (c - '0');
        }
        if (v > max) {
            throw new ParseError(what + ": " + v + " (expected: 0.." + max + ")", at);
        }
        return v;
    }
}
