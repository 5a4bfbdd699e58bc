package org.mediasec.cli;

import picocli.CommandLine;

/** Entry point of the {@code mediasec} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new MediasecCommand()).execute(args);
        System.exit(exit);
    }
}
