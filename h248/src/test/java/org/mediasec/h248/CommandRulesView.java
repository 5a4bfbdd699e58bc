package org.mediasec.h248;

/** Test access to the package-private command rules. */
public final class CommandRulesView {
    private CommandRulesView() {
    }

    public static boolean isEmptyForm(Descriptor d) {
        return CommandRules.isEmptyForm(d);
    }
}
