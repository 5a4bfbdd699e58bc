package org.mediasec.agw.bearer;

/**
 * A change of a leg that the relay refuses in its present state, for a reason the MGC should read
 * (the H.248 layer answers 473 with {@link #getMessage()}): turning a leg MSRP-aware after octets
 * crossed the context, or while its octets are spliced in the kernel.
 */
public final class BearerUpdateRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BearerUpdateRefused(String reason) {
        super(reason, null, false, false);
    }
}
