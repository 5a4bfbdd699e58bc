package org.mediasec.msrp.netty;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mediasec.msrp.MsrpUri;
import org.mediasec.msrp.relay.RelayBinding;

/**
 * The authenticated connections to RFC 4976 relays that no session uses yet, one per Use-Path. A
 * session takes its leg when it opens: RFC 4976 §5.1 "Each URI SHOULD be used for only one unique
 * session", and §6.3 the relay routes to the URI only "across the same connection over which the
 * AUTH request was received". Thread-safe.
 */
final class RelayLegs {
    record Leg(RelayBinding binding, MsrpConnectionHandler connection) {
    }

    private final List<Leg> legs = new CopyOnWriteArrayList<>();

    void add(RelayBinding binding, MsrpConnectionHandler connection) {
        legs.add(new Leg(binding, connection));
    }

    /** Removes and returns the leg whose binding's Use-Path matches {@code usePath} (RFC 4975 §6.1 URI comparison). */
    Optional<Leg> take(List<MsrpUri> usePath) {
        for (Leg leg : legs) {
            if (matches(leg.binding.usePath(), usePath) && legs.remove(leg)) {
                return Optional.of(leg);
            }
        }
        return Optional.empty();
    }

    /** Gives a leg back (the session could not be registered). */
    void putBack(Leg leg) {
        legs.add(leg);
    }

    /** Forgets the legs on a closed connection. */
    void closed(MsrpConnectionHandler connection) {
        legs.removeIf(l -> l.connection == connection);
    }

    private static boolean matches(List<MsrpUri> a, List<MsrpUri> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).matches(b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
