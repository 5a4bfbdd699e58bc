package org.mediasec.sdp;

/**
 * A line kept as text: {@code v=}, {@code s=}, {@code i=}, {@code u=}, {@code e=}, {@code p=},
 * {@code r=}, {@code z=}, {@code k=}, and any line with a type letter this library does not know
 * (RFC 8866 §5 lets a parser ignore those; we keep them so a relay loses nothing).
 *
 * @param type  a lower-case letter {@code a..z}
 * @param value the text after {@code "="}, verbatim
 */
public record TextLine(char type, String value) implements SdpLine {
    public TextLine {
        if (type < 'a' || type > 'z') {
            throw new IllegalArgumentException("type: '" + type + "' (expected: a..z)");
        }
        if (type == 'o' || type == 'c' || type == 'b' || type == 't' || type == 'a' || type == 'm') {
            throw new IllegalArgumentException("type: '" + type + "' has a typed line class");
        }
        LineList.checkText(value, "value");
    }

    @Override
    public String text() {
        return value;
    }

    @Override
    public String toString() {
        return line();
    }
}
