package org.mediasec.sdp;

import java.util.List;

/** Builder helpers: keep lines in RFC 8866 §5 order when adding to a level. */
final class LineList {
    private LineList() {
    }

    /** Position of a type letter in the RFC order; unknown letters go last. */
    static int rank(char type) {
        return switch (type) {
            case 'v' -> 0;
            case 'o' -> 1;
            case 's' -> 2;
            case 'i' -> 3;
            case 'u' -> 4;
            case 'e' -> 5;
            case 'p' -> 6;
            case 'c' -> 7;
            case 'b' -> 8;
            case 't', 'r' -> 9;
            case 'z' -> 10;
            case 'k' -> 11;
            case 'a' -> 12;
            default -> 13;
        };
    }

    /** Inserts after the last line whose rank is not above the new line's. */
    static void insert(List<SdpLine> lines, SdpLine line) {
        int r = rank(line.type());
        int at = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (rank(lines.get(i).type()) <= r) {
                at = i + 1;
            }
        }
        lines.add(at, line);
    }

    /** Replaces the first line of the same type letter (dropping further ones) or inserts it. */
    static void replace(List<SdpLine> lines, SdpLine line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).type() == line.type()) {
                lines.set(i, line);
                for (int j = lines.size() - 1; j > i; j--) {
                    if (lines.get(j).type() == line.type()) {
                        lines.remove(j);
                    }
                }
                return;
            }
        }
        insert(lines, line);
    }

    static void removeType(List<SdpLine> lines, char type) {
        lines.removeIf(l -> l.type() == type);
    }

    static void removeAttributes(List<SdpLine> lines, String name) {
        lines.removeIf(l -> l instanceof Attribute a && a.hasName(name));
    }

    /** Replaces the first attribute of that name in place (dropping the others) or inserts it. */
    static void replaceAttribute(List<SdpLine> lines, Attribute attr) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof Attribute a && a.hasName(attr.name())) {
                lines.set(i, attr);
                for (int j = lines.size() - 1; j > i; j--) {
                    if (lines.get(j) instanceof Attribute b && b.hasName(attr.name())) {
                        lines.remove(j);
                    }
                }
                return;
            }
        }
        insert(lines, attr);
    }

    /** Rejects characters that can never appear inside an SDP line. */
    static String checkText(String value, String name) {
        if (value == null) {
            throw new NullPointerException(name);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(name + ": CR, LF or NUL at " + i + " in \"" + value.replace("\r", "\\r").replace("\n", "\\n") + "\"");
            }
        }
        return value;
    }

    /** Rejects empty values and values containing a space or a line-break character. */
    static String checkWord(String value, String name) {
        checkText(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty");
        }
        if (value.indexOf(' ') >= 0) {
            throw new IllegalArgumentException(name + ": contains a space: \"" + value + "\"");
        }
        return value;
    }
}
