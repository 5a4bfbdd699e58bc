package org.mediasec.pcscf.alg;

/** Where the SDP offer comes from, seen from the P-CSCF (IMS-ALG) serving the UE. */
public enum CallDirection {
    /** The UE sent the offer over the access network (Gm); the offer goes on to the core. */
    ORIGINATING,
    /** The offer came from the core toward the registered UE; it goes on over the access network. */
    TERMINATING
}
