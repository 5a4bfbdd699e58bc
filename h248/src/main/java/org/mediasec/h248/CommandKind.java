package org.mediasec.h248;

/** The eight H.248.1 §7.2 commands with their Annex B long and short tokens. */
public enum CommandKind {
    ADD("Add", "A"),
    MODIFY("Modify", "MF"),
    SUBTRACT("Subtract", "S"),
    MOVE("Move", "MV"),
    AUDIT_VALUE("AuditValue", "AV"),
    AUDIT_CAPABILITIES("AuditCapability", "AC"),
    NOTIFY("Notify", "N"),
    SERVICE_CHANGE("ServiceChange", "SC");

    private final String token;
    private final String shortToken;

    CommandKind(String token, String shortToken) {
        this.token = token;
        this.shortToken = shortToken;
    }

    public String token() {
        return token;
    }

    public String shortToken() {
        return shortToken;
    }

    /** Add, Modify or Move ({@code ammRequest}). */
    public boolean isAmm() {
        return this == ADD || this == MODIFY || this == MOVE;
    }

    @Override
    public String toString() {
        return token;
    }
}
