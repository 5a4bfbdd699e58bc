package org.mediasec.h248.user;

import java.time.Duration;
import java.util.Objects;

import org.mediasec.common.Checks;
import org.mediasec.h248.MId;
import org.mediasec.h248.transaction.H248TransactionConfig;
import org.mediasec.h248.transaction.H248TransactionEvents;

/**
 * The MGC role's settings.
 *
 * @param mId               our mId in every message header
 * @param maxVersion        the highest protocol version we accept; an MG offering more is answered with this (§11.3)
 * @param heartbeatInterval when nothing came from a registered MG for this long, the MGC audits its ROOT;
 *                          an audit that runs out of retransmissions means the MG is lost. null: off
 * @param redirectTo        when set, registrations are answered with this MgcIdToTry instead of being accepted
 * @param transactions      transaction layer timers
 * @param events            transaction layer counters (pendings, acks, retransmissions ...)
 */
public record MgcConfig(MId mId, int maxVersion, Duration heartbeatInterval, MId redirectTo,
                        H248TransactionConfig transactions, H248TransactionEvents events) {
    public MgcConfig {
        Objects.requireNonNull(mId, "mId");
        Checks.inRange(maxVersion, 1, 3, "maxVersion");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(events, "events");
    }

    public static MgcConfig of(MId mId) {
        return new MgcConfig(mId, 3, null, null, H248TransactionConfig.DEFAULT, H248TransactionEvents.NONE);
    }

    public MgcConfig withMaxVersion(int maxVersion) {
        return new MgcConfig(mId, maxVersion, heartbeatInterval, redirectTo, transactions, events);
    }

    public MgcConfig withHeartbeat(Duration interval) {
        return new MgcConfig(mId, maxVersion, interval, redirectTo, transactions, events);
    }

    public MgcConfig withRedirectTo(MId mgc) {
        return new MgcConfig(mId, maxVersion, heartbeatInterval, mgc, transactions, events);
    }

    public MgcConfig withEvents(H248TransactionEvents events) {
        return new MgcConfig(mId, maxVersion, heartbeatInterval, redirectTo, transactions, events);
    }

    public MgcConfig withTransactions(H248TransactionConfig transactions) {
        return new MgcConfig(mId, maxVersion, heartbeatInterval, redirectTo, transactions, events);
    }
}
