package org.mediasec.core;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sip.address.URI;

import org.mediasec.common.TimerService;

import gov.nist.javax.sip.address.AddressFactoryImpl;

/**
 * The bindings of a registrar (RFC 3261 §10.3 steps 6 and 7): address of record to contacts with
 * expiry and path vector. Expiry is read from the injected clock when bindings are looked up or
 * updated (no timers). Thread-safe: every operation is atomic, as RFC 3261 §10.3 wants ("REGISTER
 * requests MUST also be processed atomically").
 */
public final class LocationService {
    private static final AddressFactoryImpl ADDRESSES = new AddressFactoryImpl();

    /** A contact of a REGISTER with its expiration interval chosen by the registrar (seconds, 0 removes). */
    public record ContactUpdate(String contact, long expiresSeconds) {
        public ContactUpdate {
            Objects.requireNonNull(contact, "contact");
            if (expiresSeconds < 0) {
                throw new IllegalArgumentException("expiresSeconds: " + expiresSeconds + " (expected: >= 0)");
            }
        }
    }

    /**
     * The outcome of a REGISTER: 200 with the current bindings, or the failure status.
     *
     * @param status   200, or 500 when the update was aborted
     * @param reason   why it failed, for the log and the reason phrase
     * @param bindings all current bindings of the AOR after the update (RFC 3261 §10.3 step 8)
     * @param added    bindings created or refreshed by this request
     * @param removed  bindings removed by this request
     */
    public record Outcome(int status, String reason, List<Binding> bindings, List<Binding> added, List<Binding> removed) {
        public Outcome {
            bindings = List.copyOf(bindings);
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }

        static Outcome failed(String reason) {
            return new Outcome(500, reason, List.of(), List.of(), List.of());
        }
    }

    private final TimerService clock;
    private final Map<String, List<Binding>> bindings = new HashMap<>();
    private final Set<String> everRegistered = new HashSet<>();

    public LocationService(TimerService clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Applies one REGISTER to the bindings of {@code aor}, all or nothing.
     *
     * @param wildcard true for {@code Contact: *} (with Expires 0, checked by the caller): remove all bindings
     * @param contacts the contacts otherwise, each with its chosen interval
     * @param path     the path vector of the REGISTER, stored with each of its contacts (RFC 3327 §5.3)
     */
    public synchronized Outcome register(String aor, String callId, long cseq, boolean wildcard,
                                         List<ContactUpdate> contacts, List<String> path) {
        long now = clock.nanoTime();
        List<Binding> current = new ArrayList<>(live(aor, now));
        List<Binding> added = new ArrayList<>();
        List<Binding> removed = new ArrayList<>();
        if (wildcard) {
            // §10.3 step 6: "the registrar checks whether the Call-ID agrees with the value stored for each
            // binding. If not, it MUST remove the binding. If it does agree, it MUST remove the binding only if
            // the CSeq in the request is higher than the value stored for that binding. Otherwise, the update
            // MUST be aborted and the request fails."
            for (Binding b : current) {
                if (b.callId().equals(callId) && cseq <= b.cseq()) {
                    return Outcome.failed("CSeq " + cseq + " not above " + b.cseq() + " of the binding of " + b.contact());
                }
            }
            removed.addAll(current);
            current.clear();
        } else {
            for (ContactUpdate c : contacts) {
                int i = indexOf(current, c.contact());
                Binding existing = i < 0 ? null : current.get(i);
                // §10.3 step 7: "If the Call-ID value in the existing binding differs from the Call-ID value in
                // the request, the binding MUST be removed if the expiration time is zero and updated otherwise.
                // If they are the same, the registrar compares the CSeq value. If the value is higher than that of
                // the existing binding, it MUST update or remove the binding as above. If not, the update MUST be
                // aborted and the request fails."
                if (existing != null && existing.callId().equals(callId) && cseq <= existing.cseq()) {
                    return Outcome.failed("CSeq " + cseq + " not above " + existing.cseq() + " of the binding of " + c.contact());
                }
                if (c.expiresSeconds() == 0) {
                    if (existing != null) {
                        current.remove(i);
                        removed.add(existing);
                    }
                    continue;
                }
                Binding b = new Binding(aor, c.contact(), path, callId, cseq,
                        now + c.expiresSeconds() * 1_000_000_000L, now);
                if (existing != null) {
                    current.set(i, b);
                } else {
                    current.add(b);
                }
                added.add(b);
            }
        }
        // "The binding updates MUST be committed ... if and only if all binding updates and additions succeed."
        if (current.isEmpty()) {
            bindings.remove(aor);
        } else {
            bindings.put(aor, current);
        }
        if (!added.isEmpty()) {
            everRegistered.add(aor);
        }
        return new Outcome(200, "OK", sorted(current), added, removed);
    }

    /** The unexpired bindings of {@code aor}, most recently registered first. */
    public synchronized List<Binding> lookup(String aor) {
        return sorted(live(aor, clock.nanoTime()));
    }

    /** True if {@code aor} has ever had a binding (a user the location service knows, registered or not). */
    public synchronized boolean known(String aor) {
        return everRegistered.contains(aor);
    }

    /** Now on the core's clock. */
    public long nanoTime() {
        return clock.nanoTime();
    }

    /** Drops expired bindings of {@code aor} and returns the rest. */
    private List<Binding> live(String aor, long now) {
        List<Binding> list = bindings.get(aor);
        if (list == null) {
            return List.of();
        }
        list.removeIf(b -> b.isExpired(now));
        if (list.isEmpty()) {
            bindings.remove(aor);
            return List.of();
        }
        return list;
    }

    private static List<Binding> sorted(List<Binding> list) {
        List<Binding> out = new ArrayList<>(list);
        out.sort(Comparator.comparingLong(Binding::updatedAtNanos).reversed());
        return List.copyOf(out);
    }

    /** RFC 3261 §10.3 step 7: "the registrar then searches the list of current bindings using the URI comparison rules" (§19.1.4, as the RI implements it). */
    private static int indexOf(List<Binding> list, String contact) {
        URI wanted = parse(contact);
        for (int i = 0; i < list.size(); i++) {
            String c = list.get(i).contact();
            if (c.equals(contact) || (wanted != null && wanted.equals(parse(c)))) {
                return i;
            }
        }
        return -1;
    }

    private static URI parse(String uri) {
        try {
            return ADDRESSES.createURI(uri);
        } catch (ParseException e) {
            return null;
        }
    }
}
