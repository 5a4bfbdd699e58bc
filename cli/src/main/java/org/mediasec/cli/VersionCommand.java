package org.mediasec.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code mediasec version}: the version and the TLS provider in use. */
@Command(name = "version", description = "Print the version and the TLS provider in use.")
public final class VersionCommand implements Callable<Integer> {

    static String version() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public Integer call() {
        System.out.println("mediasec " + version());
        System.out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("tls  " + org.mediasec.tls.TlsProviders.describe());
        return 0;
    }

    /** Feeds {@code mediasec --version}. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mediasec " + version()};
        }
    }
}
