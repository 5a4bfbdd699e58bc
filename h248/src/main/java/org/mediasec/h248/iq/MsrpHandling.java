package org.mediasec.h248.iq;

/**
 * How the AGW treats MSRP on a termination, as TS 23.334 §6.2.18.4 codes it in the transport
 * protocol: "a termination for "TCP" media (for application-agnostic interworking) or "TCP/MSRP"
 * media (for application-aware interworking)". With TLS toward the UE the same rule gives
 * {@code TCP/TLS} and {@code TCP/TLS/MSRP} (PROPOSAL, specs.md §5.6.1).
 *
 * <p>TS 23.334 §5.19: the IMS-AGW "shall support application-agnostic MSRP handling and may support
 * application-aware MSRP interworking"; when the SDP offer carries {@code a=msrp-cema} (RFC 6714) the
 * IMS-ALG "shall ensure that the IMS-AGW performs application agnostic MSRP handling".
 */
public enum MsrpHandling {
    /** Bytes relayed, MSRP not parsed ({@code TCP}, {@code TCP/TLS}); required for CEMA. */
    APPLICATION_AGNOSTIC,
    /** The AGW may parse MSRP ({@code TCP/MSRP}, {@code TCP/TLS/MSRP}). */
    APPLICATION_AWARE
}
