package org.mediasec.sdp;

import org.mediasec.common.Checks;

/**
 * {@code T38FaxUdpECDepth} (T.38 Annex D, version 4): {@code <minred> [<maxred>]}; IMS recommends
 * minred 1, maxred 2 (TS 29.163 Table K.2.1).
 *
 * @param minRedundancy minimum redundancy depth
 * @param maxRedundancy maximum redundancy depth, or null when absent
 */
public record T38EcDepth(int minRedundancy, Integer maxRedundancy) {
    public T38EcDepth {
        Checks.inRange(minRedundancy, 0, 65535, "minRedundancy");
        if (maxRedundancy != null) {
            Checks.inRange(maxRedundancy, minRedundancy, 65535, "maxRedundancy");
        }
    }

    public static T38EcDepth parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("T38FaxUdpECDepth: missing value (expected: <minred> [<maxred>])");
        }
        String[] w = value.split(" ", -1);
        if (w.length > 2) {
            throw new IllegalArgumentException("T38FaxUdpECDepth: expected <minred> [<maxred>]");
        }
        int min = SdpAttributes.parseUnsigned(w[0], 65535, "minred");
        Integer max = w.length == 2 ? SdpAttributes.parseUnsigned(w[1], 65535, "maxred") : null;
        if (max != null && max < min) {
            throw new IllegalArgumentException("T38FaxUdpECDepth: maxred " + max + " below minred " + min);
        }
        return new T38EcDepth(min, max);
    }

    public String format() {
        return maxRedundancy == null ? Integer.toString(minRedundancy) : minRedundancy + " " + maxRedundancy;
    }

    @Override
    public String toString() {
        return format();
    }
}
