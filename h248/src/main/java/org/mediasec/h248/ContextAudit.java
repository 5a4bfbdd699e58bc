package org.mediasec.h248;

import java.util.List;

/**
 * Version 2+ {@code ContextAudit { Topology, Emergency, Priority [, IEPSCall, pkg/prop ...] }}:
 * which context properties an action asks to audit.
 */
public record ContextAudit(boolean topology, boolean emergency, boolean priority, boolean ieps,
                           List<String> attributes) {
    public ContextAudit {
        attributes = List.copyOf(attributes);
        for (String a : attributes) {
            if (!Names.isPkgdName(a)) {
                throw new IllegalArgumentException("attribute: \"" + a + "\" is not a pkgdName");
            }
        }
        if (!topology && !emergency && !priority && !ieps && attributes.isEmpty()) {
            throw new IllegalArgumentException("context audit: empty");
        }
    }
}
