package org.mediasec.pcscf.sip;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;

import org.mediasec.pcscf.registration.RegistrationKey;

/**
 * The contacts registered through this P-CSCF (learned from the 2xx to REGISTER), so that a request
 * from the core whose Request-URI is one of them is known to be for a UE of ours (terminating), and a
 * UE's request is matched to its registration by its Contact. Thread-safe.
 */
final class Contacts {
    /** One registered contact: its registration key and the Service-Route of the 2xx (RFC 3608). */
    record Registered(RegistrationKey key, URI contact, List<Address> serviceRoute) {
    }

    private final Map<String, Registered> byContact = new ConcurrentHashMap<>();
    /** Whether a registration is still current (it expires in the registration store, on its timer). */
    private final java.util.function.Predicate<RegistrationKey> current;

    /** @param current whether a registration is still current; an expired one is forgotten here on its next lookup */
    Contacts(java.util.function.Predicate<RegistrationKey> current) {
        this.current = current;
    }

    void put(Registered r) {
        byContact.put(normalize(r.contact()), r);
    }

    void remove(URI contact) {
        byContact.remove(normalize(contact));
    }

    Optional<Registered> lookup(URI uri) {
        if (uri == null) {
            return Optional.empty();
        }
        String k = normalize(uri);
        Registered r = byContact.get(k);
        if (r != null && !current.test(r.key())) {
            byContact.remove(k, r);
            return Optional.empty();
        }
        return Optional.ofNullable(r);
    }

    /** Forgets every contact whose registration expired; returns how many. */
    int prune() {
        int before = byContact.size();
        byContact.values().removeIf(r -> !current.test(r.key()));
        return before - byContact.size();
    }

    int size() {
        return byContact.size();
    }

    /** The contacts registered for an address of record (for {@code Contact: *}, RFC 3261 §10.2.2). */
    List<URI> ofAor(String aor) {
        String wanted = aor.toLowerCase(Locale.ROOT);
        prune();
        return byContact.values().stream().filter(r -> r.key().aor().equals(wanted)).map(Registered::contact).toList();
    }

    /** {@code user@host:port}: what identifies a contact for routing (parameters ignored). */
    static String normalize(URI uri) {
        if (uri instanceof SipURI sip) {
            int port = sip.getPort() <= 0 ? 5060 : sip.getPort();
            return (sip.getUser() == null ? "" : sip.getUser()) + "@" + sip.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        }
        return uri.toString();
    }
}
