package org.mediasec.sdp;

/**
 * One {@code <type>=<value>} line of a session or media description (RFC 8866 §5), other than the
 * {@code m=} line that opens a media description. Lines are kept in the order they were parsed, so
 * that writing a parsed description gives back the same text.
 *
 * <p>Typed lines: {@link Origin} ({@code o=}), {@link ConnectionData} ({@code c=}), {@link Bandwidth}
 * ({@code b=}), {@link Timing} ({@code t=}) and {@link Attribute} ({@code a=}). Every other line
 * ({@code v=}, {@code s=}, {@code i=}, {@code u=}, {@code e=}, {@code p=}, {@code r=}, {@code z=},
 * {@code k=} and unknown letters) is a {@link TextLine} kept verbatim.
 */
public sealed interface SdpLine permits TextLine, Origin, ConnectionData, Bandwidth, Timing, Attribute {
    /** The type letter. */
    char type();

    /** The text after {@code "<type>="}, exactly as written on the wire. */
    String text();

    /** The whole line without terminator: {@code type + "=" + text}. */
    default String line() {
        return type() + "=" + text();
    }
}
