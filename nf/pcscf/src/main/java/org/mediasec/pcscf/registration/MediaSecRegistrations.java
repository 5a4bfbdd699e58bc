package org.mediasec.pcscf.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.mediasec.common.TimerService;
import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.SecMechanism;
import org.mediasec.sip.secagree.SecurityHeader;
import org.mediasec.sip.secagree.SecurityHeaderDecodeResult;
import org.mediasec.sip.secagree.SecurityHeaderKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P-CSCF's store of media-plane security capabilities per registered contact (TS 24.229
 * §7.2A.7 {@code mediasec}; specs.md §1.1).
 *
 * <ul>
 *   <li>{@link #register}: on a REGISTER, takes the UE's Security-Client entries, keeps the
 *       {@code ;mediasec} ones, intersects them with {@link MediaSecPolicy#supported()} ("if both the
 *       IMS UE and P-CSCF (IMS-ALG) indicated support for e2ae-security for MSRP during registration",
 *       TS 23.334 §6.2.10.3.1.2.1) and returns the Security-Server entries to answer with.</li>
 *   <li>{@link #verify}: on later requests, checks Security-Verify against what was sent (RFC 3329 §2.3.1).</li>
 *   <li>Forgets a contact on de-registration (expires 0, {@link #deregister}) and when its
 *       registration expires, on the injected {@link TimerService}.</li>
 * </ul>
 *
 * <p>Only the media-plane ({@code ;mediasec}) entries are this store's business; the signalling
 * entries ({@code ipsec-3gpp}, {@code tls}) of the same headers belong to the sec-agree layer, which
 * checks them with the same RFC 3329 rule. Thread-safe.
 */
public final class MediaSecRegistrations {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSecRegistrations.class);

    private final MediaSecPolicy policy;
    private final TimerService timers;
    private final ConcurrentMap<RegistrationKey, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(MediaSecRegistration registration, TimerService.Timeout expiry) {
    }

    public MediaSecRegistrations(MediaSecPolicy policy, TimerService timers) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    public MediaSecPolicy policy() {
        return policy;
    }

    /**
     * Records (or refreshes) a registration.
     *
     * @param key            the contact
     * @param securityClient the UE's Security-Client mechanisms (all of them; signalling ones are ignored)
     * @param expires        the granted registration lifetime; zero de-registers
     * @return what was recorded, with the Security-Server header to add to the response (empty when the
     *         UE listed no {@code mediasec} entry, or on de-registration)
     */
    public MediaSecRegistration register(RegistrationKey key, Collection<SecMechanism> securityClient, Duration expires) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(securityClient, "securityClient");
        Objects.requireNonNull(expires, "expires");
        if (expires.isNegative()) {
            throw new IllegalArgumentException("expires: " + expires + " (expected: >= 0)");
        }
        MediaSecCapabilities ue = MediaSecCapabilities.from(securityClient);
        if (expires.isZero()) {
            deregister(key);
            return new MediaSecRegistration(key, ue, MediaSecCapabilities.none(), Optional.empty());
        }
        MediaSecCapabilities agreed = ue.intersect(policy.supported());
        // TS 24.229 §7.2A.7 (specs.md §1.1): a P-CSCF that supports e2ae answers with Security-Server
        // entries carrying ;mediasec for the media mechanisms it supports. RFC 3329 §2.3.1 calls it the
        // server's "static list of supported security mechanisms", so the whole list is sent, not the
        // intersection; it is sent only to a UE that itself indicated media-plane security.
        Optional<SecurityHeader> server = ue.isEmpty() || policy.supported().isEmpty()
                ? Optional.empty()
                : Optional.of(policy.supported().toSecurityHeader(SecurityHeaderKind.SERVER, policy.q()));
        MediaSecRegistration reg = new MediaSecRegistration(key, ue, agreed, server);
        Entry[] holder = new Entry[1];
        TimerService.Timeout t = timers.schedule(expires, () -> expire(key, holder[0]));
        Entry e = new Entry(reg, t);
        holder[0] = e;
        Entry old = entries.put(key, e);
        if (old != null) {
            old.expiry().cancel();
        }
        LOG.debug("[{}] registered for {}: UE {}, agreed {}", key, expires, ue, agreed);
        return reg;
    }

    /** Forgets a contact (de-registration, network-initiated or by the UE); true if it was known. */
    public boolean deregister(RegistrationKey key) {
        Entry old = entries.remove(key);
        if (old != null) {
            old.expiry().cancel();
            LOG.debug("[{}] de-registered", key);
            return true;
        }
        return false;
    }

    private void expire(RegistrationKey key, Entry e) {
        if (e != null && entries.remove(key, e)) {
            LOG.debug("[{}] registration expired", key);
        }
    }

    /** The registration of a contact, if it is registered. */
    public Optional<MediaSecRegistration> lookup(RegistrationKey key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.registration());
    }

    /**
     * The mechanisms e2ae may be applied for with this contact (both sides indicated support); none
     * when the contact is not registered.
     */
    public MediaSecCapabilities capabilities(RegistrationKey key) {
        return lookup(key).map(MediaSecRegistration::agreed).orElse(MediaSecCapabilities.none());
    }

    /** How many contacts are registered. */
    public int size() {
        return entries.size();
    }

    /**
     * Checks the {@code ;mediasec} entries of a request's Security-Verify against the Security-Server
     * sent at registration. RFC 3329 §2.3.1: "The server MUST check that the security mechanisms listed
     * in the Security-Verify header field of incoming requests correspond to its static list of supported
     * security mechanisms." — "both lists have to contain the same security mechanisms in the same order
     * to be considered equivalent. In addition, for each particular security mechanism, its parameters in
     * both lists need to have the same values." — "If modification of the list is detected, the server
     * MUST respond to the client with a 494 (Security Agreement Required) response. This response MUST
     * include the server's unmodified list of supported security mechanisms."
     *
     * @param key    the contact the request comes from
     * @param verify the request's Security-Verify lines, decoded
     */
    public VerifyResult verify(RegistrationKey key, SecurityHeaderDecodeResult verify) {
        Objects.requireNonNull(verify, "verify");
        Optional<MediaSecRegistration> reg = lookup(key);
        if (reg.isEmpty()) {
            return new VerifyResult(VerifyResult.Status.NOT_REGISTERED, key + " is not registered", Optional.empty());
        }
        Optional<SecurityHeader> sent = reg.get().securityServer();
        List<SecMechanism> echoed = new ArrayList<>();
        for (SecMechanism m : verify.mechanisms()) {
            if (m.isMediaPlane()) {
                echoed.add(m);
            }
        }
        if (sent.isEmpty()) {
            if (echoed.isEmpty()) {
                return new VerifyResult(VerifyResult.Status.NOT_APPLICABLE, "", Optional.empty());
            }
            return new VerifyResult(VerifyResult.Status.MISMATCH,
                    "Security-Verify lists mediasec entries that were never sent: " + echoed, Optional.empty());
        }
        if (verify.isMalformed()) {
            return new VerifyResult(VerifyResult.Status.MALFORMED,
                    "Security-Verify does not parse: " + verify.errors().get(0), sent);
        }
        List<SecMechanism> expected = sent.get().mediaPlaneMechanisms();
        String diff = difference(expected, echoed);
        if (diff != null) {
            return new VerifyResult(VerifyResult.Status.MISMATCH, diff, sent);
        }
        return new VerifyResult(VerifyResult.Status.MATCH, "", sent);
    }

    /** Null when equivalent (same mechanisms, same order, same parameter values), else what differs. */
    static String difference(List<SecMechanism> expected, List<SecMechanism> echoed) {
        if (echoed.isEmpty()) {
            return "Security-Verify has no mediasec entry; expected " + expected;
        }
        if (expected.size() != echoed.size()) {
            return "Security-Verify lists " + echoed.size() + " mediasec entries " + echoed + ", expected "
                    + expected.size() + " " + expected;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!equivalent(expected.get(i), echoed.get(i))) {
                return "Security-Verify entry " + (i + 1) + " is " + echoed.get(i) + ", expected " + expected.get(i);
            }
        }
        return null;
    }

    /**
     * RFC 3261 §7.3.1/§20 comparison of one mechanism: names and parameter names ignore case, the same
     * parameters with the same values ({@code q} compared as a number, token values ignoring case).
     */
    static boolean equivalent(SecMechanism a, SecMechanism b) {
        if (!a.name().equalsIgnoreCase(b.name()) || a.params().size() != b.params().size()) {
            return false;
        }
        for (SecMechanism.Param p : a.params()) {
            Optional<SecMechanism.Param> other = b.param(p.name());
            if (other.isEmpty()) {
                return false;
            }
            String va = p.value();
            String vb = other.get().value();
            if (va == null || vb == null) {
                if (va != vb) {
                    return false;
                }
            } else if (p.name().equalsIgnoreCase(SecMechanism.Q)) {
                if (Double.parseDouble(va) != Double.parseDouble(vb)) {
                    return false;
                }
            } else if (va.startsWith("\"") ? !va.equals(vb) : !va.toLowerCase(Locale.ROOT).equals(vb.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
