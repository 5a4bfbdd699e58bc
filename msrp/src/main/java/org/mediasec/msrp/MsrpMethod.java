package org.mediasec.msrp;

/**
 * An MSRP request method (RFC 4975 §7.1, IANA "MSRP Methods" registry). Open enum: known methods
 * are shared constants, {@link #of(String)} returns them or a new instance for an extension method.
 */
public record MsrpMethod(String name) {
    /** RFC 4975 §7.1.1: deliver a complete message or a chunk. */
    public static final MsrpMethod SEND = new MsrpMethod("SEND");
    /** RFC 4975 §7.1.2: report on the status of a previously sent message or a range of its bytes. */
    public static final MsrpMethod REPORT = new MsrpMethod("REPORT");
    /** RFC 4976 §4.1: authenticate to a relay and obtain a Use-Path (client behaviour §5.1). */
    public static final MsrpMethod AUTH = new MsrpMethod("AUTH");
    /** RFC 7701: reserve a nickname in a chat room. */
    public static final MsrpMethod NICKNAME = new MsrpMethod("NICKNAME");

    public MsrpMethod {
        if (name == null) {
            throw new NullPointerException("name");
        }
        if (!MsrpSyntax.isMethod(name)) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: 1*UPALPHA)");
        }
    }

    public static MsrpMethod of(String name) {
        return switch (name) {
            case "SEND" -> SEND;
            case "REPORT" -> REPORT;
            case "AUTH" -> AUTH;
            case "NICKNAME" -> NICKNAME;
            default -> new MsrpMethod(name);
        };
    }

    /** True for the methods this stack implements (SEND, REPORT, AUTH); others get 501 from a receiver. */
    public boolean isKnown() {
        return this.equals(SEND) || this.equals(REPORT) || this.equals(AUTH);
    }

    @Override
    public String toString() {
        return name;
    }
}
