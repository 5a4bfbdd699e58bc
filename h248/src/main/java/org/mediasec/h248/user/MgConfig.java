package org.mediasec.h248.user;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.mediasec.common.Checks;
import org.mediasec.h248.MId;
import org.mediasec.h248.PackagesDescriptor.PackageRef;
import org.mediasec.h248.ServiceChangeDescriptor.ServiceChangeProfile;
import org.mediasec.h248.transaction.H248TransactionConfig;
import org.mediasec.h248.transaction.H248TransactionEvents;

/**
 * The MG role's settings.
 *
 * @param mId               our mId in every message header
 * @param mgc               where the first ServiceChange goes (H.248.1 §11.2)
 * @param version           the highest protocol version we speak; lowered when the MGC answers with a lower one (§11.3)
 * @param profile           ServiceChangeProfile sent in the registration (null: none)
 * @param restartReason     Reason of the registration; "901 ..." is a cold boot (H.248.1 §7.2.8, reason codes)
 * @param inactivityTimeout when nothing came from the MGC for this long, the MG probes it with a Notify of
 *                          {@code it/ito} on ROOT (H.248.14 inactivity timer event); null: off
 * @param registrationRetry wait before a failed or rejected registration is tried again
 * @param packages          the Packages descriptor returned for an audit of ROOT (empty: none)
 * @param transactions      transaction layer timers
 * @param events            transaction layer counters (pendings, acks, retransmissions ...)
 */
public record MgConfig(MId mId, InetSocketAddress mgc, int version, ServiceChangeProfile profile, String restartReason,
                       Duration inactivityTimeout, Duration registrationRetry, List<PackageRef> packages,
                       H248TransactionConfig transactions, H248TransactionEvents events) {

    public static final String COLD_BOOT = "901 MG Cold Boot";

    public MgConfig {
        Objects.requireNonNull(mId, "mId");
        Objects.requireNonNull(mgc, "mgc");
        Checks.inRange(version, 1, 3, "version");
        Objects.requireNonNull(restartReason, "restartReason");
        Objects.requireNonNull(registrationRetry, "registrationRetry");
        packages = List.copyOf(packages);
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(events, "events");
    }

    /** Version 3, profile none, cold boot, no inactivity probe, 5 s registration retry, default timers. */
    public static MgConfig of(MId mId, InetSocketAddress mgc) {
        return new MgConfig(mId, mgc, 3, null, COLD_BOOT, null, Duration.ofSeconds(5), List.of(), H248TransactionConfig.DEFAULT,
                H248TransactionEvents.NONE);
    }

    public MgConfig withVersion(int version) {
        return new MgConfig(mId, mgc, version, profile, restartReason, inactivityTimeout, registrationRetry, packages, transactions, events);
    }

    public MgConfig withProfile(ServiceChangeProfile profile) {
        return new MgConfig(mId, mgc, version, profile, restartReason, inactivityTimeout, registrationRetry, packages, transactions, events);
    }

    public MgConfig withRestartReason(String reason) {
        return new MgConfig(mId, mgc, version, profile, reason, inactivityTimeout, registrationRetry, packages, transactions, events);
    }

    public MgConfig withInactivityTimeout(Duration timeout) {
        return new MgConfig(mId, mgc, version, profile, restartReason, timeout, registrationRetry, packages, transactions, events);
    }

    public MgConfig withRegistrationRetry(Duration retry) {
        return new MgConfig(mId, mgc, version, profile, restartReason, inactivityTimeout, retry, packages, transactions, events);
    }

    public MgConfig withPackages(List<PackageRef> packages) {
        return new MgConfig(mId, mgc, version, profile, restartReason, inactivityTimeout, registrationRetry, packages, transactions, events);
    }

    public MgConfig withEvents(H248TransactionEvents events) {
        return new MgConfig(mId, mgc, version, profile, restartReason, inactivityTimeout, registrationRetry, packages, transactions, events);
    }

    public MgConfig withTransactions(H248TransactionConfig transactions) {
        return new MgConfig(mId, mgc, version, profile, restartReason, inactivityTimeout, registrationRetry, packages, transactions, events);
    }
}
