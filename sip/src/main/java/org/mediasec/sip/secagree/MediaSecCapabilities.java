package org.mediasec.sip.secagree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The media-plane security mechanisms one side indicated with {@code ;mediasec} (TS 24.229
 * §7.2A.7): the UE in Security-Client, the P-CSCF in Security-Server. TS 23.334 §6.2.10.3.1.2.1:
 * e2ae is applied to a stream only "if both the IMS UE and P-CSCF (IMS-ALG) indicated support",
 * which is {@link #intersect}.
 *
 * <p>Mechanisms outside {@link MediaSecMechanism} are kept as lower-case tokens in
 * {@link #unknownTokens()} so that nothing a peer sends is lost, and take part in the intersection
 * like known ones.
 *
 * @param mechanisms    known mechanisms (an unmodifiable, enum-ordered set)
 * @param unknownTokens other {@code mediasec} mechanism names, lower case, in first-seen order
 */
public record MediaSecCapabilities(Set<MediaSecMechanism> mechanisms, Set<String> unknownTokens) {

    private static final MediaSecCapabilities NONE = new MediaSecCapabilities(Set.of(), Set.of());

    public MediaSecCapabilities {
        Objects.requireNonNull(mechanisms, "mechanisms");
        Objects.requireNonNull(unknownTokens, "unknownTokens");
        EnumSet<MediaSecMechanism> known = EnumSet.noneOf(MediaSecMechanism.class);
        known.addAll(mechanisms);
        LinkedHashSet<String> unknown = new LinkedHashSet<>();
        for (String t : unknownTokens) {
            if (!SipSyntax.isToken(t)) {
                throw new IllegalArgumentException("unknownTokens: \"" + t + "\" is not an RFC 3261 token");
            }
            String lower = t.toLowerCase(Locale.ROOT);
            if (MediaSecMechanism.fromToken(lower).isPresent()) {
                throw new IllegalArgumentException("unknownTokens: \"" + t + "\" is a known mechanism");
            }
            unknown.add(lower);
        }
        mechanisms = Collections.unmodifiableSet(known);
        unknownTokens = Collections.unmodifiableSet(unknown);
    }

    /** No media-plane security: what a UE without {@code mediasec} entries has. */
    public static MediaSecCapabilities none() {
        return NONE;
    }

    public static MediaSecCapabilities of(MediaSecMechanism... mechanisms) {
        return new MediaSecCapabilities(Set.of(mechanisms), Set.of());
    }

    /** Every mechanism of {@link MediaSecMechanism}. */
    public static MediaSecCapabilities all() {
        return new MediaSecCapabilities(EnumSet.allOf(MediaSecMechanism.class), Set.of());
    }

    /** The {@code mediasec} entries among these mechanisms; signalling mechanisms are ignored. */
    public static MediaSecCapabilities from(Collection<SecMechanism> mechanisms) {
        EnumSet<MediaSecMechanism> known = EnumSet.noneOf(MediaSecMechanism.class);
        Set<String> unknown = new LinkedHashSet<>();
        for (SecMechanism m : mechanisms) {
            if (!m.isMediaPlane()) {
                continue;
            }
            MediaSecMechanism.fromToken(m.name()).ifPresentOrElse(known::add, () -> unknown.add(m.name()));
        }
        return new MediaSecCapabilities(known, unknown);
    }

    /** The {@code mediasec} entries of one header. */
    public static MediaSecCapabilities from(SecurityHeader header) {
        return from(header.mechanisms());
    }

    public boolean contains(MediaSecMechanism mechanism) {
        return mechanisms.contains(mechanism);
    }

    public boolean isEmpty() {
        return mechanisms.isEmpty() && unknownTokens.isEmpty();
    }

    /** What both sides support: the set e2ae may be applied for. */
    public MediaSecCapabilities intersect(MediaSecCapabilities other) {
        EnumSet<MediaSecMechanism> known = EnumSet.noneOf(MediaSecMechanism.class);
        known.addAll(mechanisms);
        known.retainAll(other.mechanisms);
        Set<String> unknown = new LinkedHashSet<>(unknownTokens);
        unknown.retainAll(other.unknownTokens);
        return new MediaSecCapabilities(known, unknown);
    }

    /** Known mechanisms in enum order, then unknown tokens, each as {@code <name>;mediasec[;q=..]}. */
    public List<SecMechanism> toMechanisms(OptionalDouble q) {
        List<SecMechanism> out = new ArrayList<>();
        for (MediaSecMechanism m : mechanisms) {
            out.add(withQ(SecMechanism.mediaPlane(m.token()), q));
        }
        for (String t : unknownTokens) {
            out.add(withQ(SecMechanism.mediaPlane(t), q));
        }
        return out;
    }

    /**
     * A header listing these mechanisms: for {@link SecurityHeaderKind#CLIENT} always without
     * {@code q} (the UE form), for Security-Server/-Verify with {@code q} when given (the Asterisk
     * form {@code msrp-tls;mediasec;q=0.5}).
     *
     * @throws IllegalStateException if there is nothing to list (a header needs one mechanism)
     */
    public SecurityHeader toSecurityHeader(SecurityHeaderKind kind, OptionalDouble q) {
        if (isEmpty()) {
            throw new IllegalStateException("no media-plane mechanism to put in " + kind.headerName());
        }
        return new SecurityHeader(kind, toMechanisms(kind == SecurityHeaderKind.CLIENT ? OptionalDouble.empty() : q));
    }

    private static SecMechanism withQ(SecMechanism m, OptionalDouble q) {
        return q.isPresent() ? m.withQ(q.getAsDouble()) : m;
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        mechanisms.forEach(m -> names.add(m.token()));
        names.addAll(unknownTokens);
        return "MediaSecCapabilities" + names;
    }
}
