package org.mediasec.pcscf.registration;

import java.util.Objects;
import java.util.Optional;

import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.SecurityHeader;

/**
 * What the P-CSCF remembers of one registered contact's media-plane security.
 *
 * @param key            the contact
 * @param ueOffered      the {@code ;mediasec} mechanisms the UE listed in Security-Client
 * @param agreed         what both the UE and this P-CSCF support: TS 23.334 §6.2.10.3.1.2.1 applies
 *                       e2ae only "if both the IMS UE and P-CSCF (IMS-ALG) indicated support"
 * @param securityServer the media-plane Security-Server header sent to the UE, which its later
 *                       Security-Verify must mirror; empty when the UE listed no {@code mediasec} entry
 */
public record MediaSecRegistration(RegistrationKey key, MediaSecCapabilities ueOffered, MediaSecCapabilities agreed,
                                   Optional<SecurityHeader> securityServer) {
    public MediaSecRegistration {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ueOffered, "ueOffered");
        Objects.requireNonNull(agreed, "agreed");
        Objects.requireNonNull(securityServer, "securityServer");
    }
}
