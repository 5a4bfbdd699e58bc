package org.mediasec.agw.bearer;

/** The two terminations a {@link BearerRelay} joins. */
public enum Side {
    /** Toward the UE: where e2ae TLS is terminated. */
    ACCESS,
    /** Toward the IMS core: plain TCP, or the same TLS passed through. */
    CORE;

    /** The other side. */
    public Side other() {
        return this == ACCESS ? CORE : ACCESS;
    }

    @Override
    public String toString() {
        return this == ACCESS ? "access" : "core";
    }
}
