package org.mediasec.lab;

/**
 * One line of a scenario's check list.
 *
 * @param what   what must hold, said positively ("access leg A is TLS, ended at AGW-A")
 * @param held   whether it held
 * @param detail the evidence, or why it failed (never empty for a failed check)
 */
public record Check(String what, boolean held, String detail) {
    public Check {
        if (what == null || what.isBlank()) {
            throw new IllegalArgumentException("what: empty");
        }
        detail = detail == null ? "" : detail;
        if (!held && detail.isBlank()) {
            throw new IllegalArgumentException("a failed check needs a reason: " + what);
        }
    }

    public static Check held(String what, String evidence) {
        return new Check(what, true, evidence);
    }

    public static Check failed(String what, String reason) {
        return new Check(what, false, reason);
    }

    /** Held when {@code condition}, with {@code evidence} either way (it says what was seen). */
    public static Check of(String what, boolean condition, String evidence) {
        return new Check(what, condition, evidence == null || evidence.isBlank() ? (condition ? "" : "did not hold") : evidence);
    }
}
