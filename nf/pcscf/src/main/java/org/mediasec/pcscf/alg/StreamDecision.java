package org.mediasec.pcscf.alg;

import java.util.Objects;
import java.util.Optional;

import org.mediasec.h248.iq.MsrpHandling;
import org.mediasec.sip.secagree.MediaSecMechanism;

/**
 * The decision for one m-line.
 *
 * @param index        the m-line's position in the offer (0-based)
 * @param action       what to do
 * @param mechanism    the TS 24.229 mechanism of the stream ({@code msrp-tls}, {@code bfcp-tls},
 *                     {@code udptl-dtls}) when it has one, else null
 * @param msrpHandling for {@code m=message}: application-agnostic when the offer carries
 *                     {@code a=msrp-cema}, else application-aware; null for other media
 * @param reason       why (always set for {@link StreamAction#REJECT}; a short note otherwise)
 */
public record StreamDecision(int index, StreamAction action, MediaSecMechanism mechanism, MsrpHandling msrpHandling,
                             String reason) {
    public StreamDecision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0)");
        }
    }

    public Optional<MediaSecMechanism> mechanismIfAny() {
        return Optional.ofNullable(mechanism);
    }
}
