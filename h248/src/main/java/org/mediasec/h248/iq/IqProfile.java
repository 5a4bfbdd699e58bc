package org.mediasec.h248.iq;

import org.mediasec.h248.Names;

/**
 * Deployment choices of the Iq/Mp/Ix coding that no standard fixes and that must agree between the
 * MGC and the MG. The default has every such item disabled (specs.md §5.6 P-d: never invent
 * package item names or IDs).
 *
 * @param pskKeyProperty      LocalControl property carrying the TLS-PSK as hex ({@code pkg/item}),
 *                            or null: PSK not supported (Mp, specs.md §5.6.4)
 * @param pskIdentityProperty LocalControl property carrying the PSK identity as hex, null with the key's
 */
public record IqProfile(String pskKeyProperty, String pskIdentityProperty) {
    /** No PSK coding configured. */
    public static final IqProfile DEFAULT = new IqProfile(null, null);

    public IqProfile {
        if ((pskKeyProperty == null) != (pskIdentityProperty == null)) {
            throw new IllegalArgumentException("pskKeyProperty and pskIdentityProperty are configured together");
        }
        if (pskKeyProperty != null) {
            for (String p : new String[] {pskKeyProperty, pskIdentityProperty}) {
                if (!Names.isPkgdName(p) || p.indexOf('/') <= 0 || p.indexOf('*') >= 0) {
                    throw new IllegalArgumentException("PSK property: \"" + p + "\" (expected: package/item)");
                }
            }
            if (pskKeyProperty.equalsIgnoreCase(pskIdentityProperty)) {
                throw new IllegalArgumentException("PSK properties: key and identity need different names");
            }
        }
    }

    /** A profile with the PSK coded in these two LocalControl properties. */
    public static IqProfile withPsk(String keyProperty, String identityProperty) {
        return new IqProfile(keyProperty, identityProperty);
    }

    /** True when a PSK can be coded. */
    public boolean supportsPsk() {
        return pskKeyProperty != null;
    }
}
