package org.mediasec.ue;

import java.util.Objects;
import java.util.Optional;

import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.SecurityHeader;

/**
 * The outcome of a successful REGISTER.
 *
 * @param aor             the registered address of record
 * @param contact         the registered contact URI
 * @param expires         seconds granted
 * @param securityServer  the Security-Server of the 200 (the P-CSCF's mechanisms, RFC 3329 §2.3.1), echoed
 *                        as Security-Verify on every later request; empty when the registrar sent none
 * @param agreed          the media-plane mechanisms both this UE and the network indicated: e2ae is possible
 *                        for these (TS 23.334 §6.2.10.3.1.2.1)
 */
public record RegistrationInfo(String aor, String contact, int expires, Optional<SecurityHeader> securityServer,
                               MediaSecCapabilities agreed) {
    public RegistrationInfo {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(securityServer, "securityServer");
        Objects.requireNonNull(agreed, "agreed");
    }

    /** The agreed mechanisms as {@code msrp-tls, bfcp-tls}, or {@code none}. */
    public String agreedText() {
        java.util.List<String> names = new java.util.ArrayList<>();
        agreed.mechanisms().forEach(m -> names.add(m.token()));
        names.addAll(agreed.unknownTokens());
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
