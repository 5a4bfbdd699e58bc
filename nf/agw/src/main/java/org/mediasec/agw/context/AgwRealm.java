package org.mediasec.agw.context;

import org.mediasec.agw.bearer.Realm;
import org.mediasec.common.Checks;

/**
 * A bearer {@link Realm} with the address the AGW writes in the {@code c=} line of its Local
 * descriptors (the bind address, or another one when binding to a wildcard or behind NAT).
 */
public record AgwRealm(Realm realm, String advertisedAddress) {
    public AgwRealm {
        Checks.notNull(realm, "realm");
        Checks.notEmpty(advertisedAddress, "advertisedAddress");
    }

    public String name() {
        return realm.name();
    }

    /** The realm advertising its bind address. */
    public static AgwRealm of(Realm realm) {
        return new AgwRealm(realm, realm.bindAddress().getHostAddress());
    }
}
