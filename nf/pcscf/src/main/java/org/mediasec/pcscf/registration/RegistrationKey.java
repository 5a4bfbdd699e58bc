package org.mediasec.pcscf.registration;

import java.util.Locale;
import java.util.Objects;

/**
 * One registered contact: the address-of-record and the contact binding (the {@code +sip.instance}
 * value when the UE sent one, else the Contact URI). Capabilities are per contact, not per AOR: two
 * devices of one user may support different media-security mechanisms.
 *
 * @param aor     the address-of-record (To of the REGISTER), compared ignoring ASCII case
 * @param contact the instance id or contact URI, compared as given
 */
public record RegistrationKey(String aor, String contact) {
    public RegistrationKey {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contact, "contact");
        if (aor.isEmpty()) {
            throw new IllegalArgumentException("aor: empty");
        }
        if (contact.isEmpty()) {
            throw new IllegalArgumentException("contact: empty");
        }
        aor = aor.toLowerCase(Locale.ROOT);
    }

    public static RegistrationKey of(String aor, String contact) {
        return new RegistrationKey(aor, contact);
    }

    @Override
    public String toString() {
        return aor + " (" + contact + ")";
    }
}
