package org.mediasec.ue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A small line-based script for a UE: one step per line, {@code #} starts a comment, blank lines are
 * ignored. Steps:
 * <pre>
 * register                 REGISTER (sec-agree) and wait for the 200
 * call USER [e2ae|e2e]     call USER (a user of the domain or a sip: URI); mode defaults to the configuration's
 * wait-call                wait for an incoming call to be established
 * say TEXT...              send the rest of the line as a chat message and wait for its 200
 * wait-text [TEXT...]      wait for a chat message (exactly TEXT when given)
 * send-file PATH           send a file and wait until every chunk was acknowledged; prints its sha-256
 * wait-file                wait for a file; prints where it was saved and its sha-256
 * hangup                   send BYE and wait for its answer
 * wait-hangup              wait for the far side to end the call
 * </pre>
 */
public record UeScenario(List<Step> steps) {

    /** The verbs a scenario knows. */
    public enum Verb {
        REGISTER(0, 0), CALL(1, 2), WAIT_CALL(0, 0), SAY(1, Integer.MAX_VALUE), WAIT_TEXT(0, Integer.MAX_VALUE),
        SEND_FILE(1, 1), WAIT_FILE(0, 0), HANGUP(0, 0), WAIT_HANGUP(0, 0);

        private final int minArgs;
        private final int maxArgs;

        Verb(int minArgs, int maxArgs) {
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
        }

        /** The word in a scenario file, e.g. {@code send-file}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One step.
     *
     * @param line the 1-based line number in the file
     * @param verb what to do
     * @param args the words after the verb
     * @param rest the text after the verb (for {@code say} and {@code wait-text}, spaces kept)
     */
    public record Step(int line, Verb verb, List<String> args, String rest) {
        public Step {
            Objects.requireNonNull(verb, "verb");
            args = List.copyOf(args);
            Objects.requireNonNull(rest, "rest");
        }

        @Override
        public String toString() {
            return verb.word() + (rest.isEmpty() ? "" : " " + rest);
        }
    }

    public UeScenario {
        steps = List.copyOf(steps);
    }

    /**
     * Parses a scenario.
     *
     * @throws IllegalArgumentException naming the line of the first error
     */
    public static UeScenario parse(String text) {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String word = line.split("\\s+", 2)[0];
            String rest = line.substring(word.length()).strip();
            Verb verb = null;
            for (Verb v : Verb.values()) {
                if (v.word().equalsIgnoreCase(word)) {
                    verb = v;
                }
            }
            if (verb == null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": unknown step \"" + word + "\" (known: "
                        + String.join(", ", java.util.Arrays.stream(Verb.values()).map(Verb::word).toList()) + ")");
            }
            List<String> args = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
            int max = verb == Verb.SEND_FILE ? Integer.MAX_VALUE : verb.maxArgs;
            if (args.size() < verb.minArgs || args.size() > max) {
                String expected = verb.minArgs == verb.maxArgs ? Integer.toString(verb.minArgs)
                        : max == Integer.MAX_VALUE ? "at least " + verb.minArgs : verb.minArgs + " to " + verb.maxArgs;
                throw new IllegalArgumentException("line " + (i + 1) + ": " + verb.word() + " takes " + expected
                        + " argument(s), got " + args.size());
            }
            if (verb == Verb.CALL && args.size() == 2) {
                SecurityMode.parse(args.get(1)); // validates now, not halfway through a run
            }
            steps.add(new Step(i + 1, verb, args, rest));
        }
        return new UeScenario(steps);
    }
}
