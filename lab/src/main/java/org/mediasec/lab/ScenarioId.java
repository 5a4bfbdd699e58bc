package org.mediasec.lab;

import java.util.Locale;

import org.mediasec.ue.SecurityMode;

/** The lab's scenarios: one MSRP call from UE-A to UE-B with chat both ways and one file, secured as named. */
public enum ScenarioId {
    /** TLS UE↔AGW on both access legs, plain MSRP in the core. */
    E2AE("e2ae", SecurityMode.E2AE),
    /** TLS UE-A↔UE-B end to end; the AGWs relay the bytes without decrypting them. */
    E2E("e2e", SecurityMode.E2E);

    private final String token;
    private final SecurityMode mode;

    ScenarioId(String token, SecurityMode mode) {
        this.token = token;
        this.mode = mode;
    }

    /** {@code e2ae} or {@code e2e} (the {@code --scenario} value). */
    public String token() {
        return token;
    }

    public SecurityMode mode() {
        return mode;
    }

    /** The name in the report. */
    public String title(long fileSize) {
        String file = fileSize > 0 ? " + " + FileSize.text(fileSize) + " file" : "";
        return this == E2AE ? "e2ae chat" + file : "e2e chat" + file + " through pass-through AGWs";
    }

    /** One line on the flow. */
    public String flow() {
        return this == E2AE
                ? "UE-A → UE-B, both e2ae: TLS UE↔AGW on both access legs, plain MSRP in the core (AGW-A ↔ AGW-B)"
                : "UE-A → UE-B, e2e: one TLS session from UE-A to UE-B; AGW-A and AGW-B relay its bytes without decrypting";
    }

    /** Case-insensitive {@code e2ae} or {@code e2e}. */
    public static ScenarioId parse(String text) {
        for (ScenarioId s : values()) {
            if (s.token.equals(text.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("scenario: \"" + text + "\" (expected: e2ae or e2e)");
    }
}
