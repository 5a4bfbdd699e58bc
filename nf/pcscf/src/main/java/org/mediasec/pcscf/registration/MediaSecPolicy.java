package org.mediasec.pcscf.registration;

import java.util.Objects;
import java.util.OptionalDouble;

import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.MediaSecMechanism;
import org.mediasec.sip.secagree.SecMechanism;

/**
 * What this P-CSCF (IMS-ALG) supports for media-plane security, and how it writes its
 * Security-Server entries.
 *
 * @param supported the mechanisms this P-CSCF and its IMS-AGWs can apply (its "static list",
 *                  RFC 3329 §2.3.1)
 * @param q         the {@code q} preference written on each Security-Server entry (RFC 3329 §2.2
 *                  {@code preference = "q" EQUAL qvalue}), or empty for none
 */
public record MediaSecPolicy(MediaSecCapabilities supported, OptionalDouble q) {
    public MediaSecPolicy {
        Objects.requireNonNull(supported, "supported");
        Objects.requireNonNull(q, "q");
        if (q.isPresent()) {
            SecMechanism.formatQ(q.getAsDouble());   // range check with the writer's message
        }
    }

    /** The e2ae mechanisms mediasec implements (MSRP, BFCP, T.38), written with {@code q=0.5}. */
    public static MediaSecPolicy defaults() {
        return new MediaSecPolicy(MediaSecCapabilities.of(MediaSecMechanism.MSRP_TLS, MediaSecMechanism.BFCP_TLS,
                MediaSecMechanism.UDPTL_DTLS), OptionalDouble.of(0.5));
    }

    public static MediaSecPolicy of(MediaSecCapabilities supported, OptionalDouble q) {
        return new MediaSecPolicy(supported, q);
    }
}
