package org.mediasec.h248;

import org.mediasec.common.Checks;

/**
 * H.248.1 Annex B {@code mId}: the identity of the sending MG or MGC.
 * {@code port} is {@code null} when absent.
 */
public sealed interface MId permits MId.Ip4, MId.Ip6, MId.Domain, MId.Device, MId.Mtp {

    /** {@code [124.124.124.222]:55555}. */
    record Ip4(String address, Integer port) implements MId {
        public Ip4 {
            Checks.notEmpty(address, "address");
            if (!Names.IPV4.matcher(address).matches()) {
                throw new IllegalArgumentException("address: \"" + address + "\" is not an IPv4 address");
            }
            checkPort(port);
        }
    }

    /** {@code [2001:db8::1]:2944}; {@code address} is the text between the brackets. */
    record Ip6(String address, Integer port) implements MId {
        public Ip6 {
            Checks.notEmpty(address, "address");
            address = address.toLowerCase(java.util.Locale.ROOT); // hex digits: case carries no meaning (RFC 5952)
            if (!Names.IPV6.matcher(address).matches() || address.indexOf(':') < 0) {
                throw new IllegalArgumentException("address: \"" + address + "\" is not an IPv6 address");
            }
            checkPort(port);
        }
    }

    /** {@code <mgc.example.net>:2944}. */
    record Domain(String name, Integer port) implements MId {
        public Domain {
            Checks.notEmpty(name, "name");
            if (!Names.DOMAIN.matcher(name).matches()) {
                throw new IllegalArgumentException("name: \"" + name + "\" is not a domain name");
            }
            checkPort(port);
        }
    }

    /** Device name ({@code pathNAME}), e.g. {@code mg1/rack2}. */
    record Device(String name) implements MId {
        public Device {
            Checks.notEmpty(name, "name");
            if (!Names.isPathName(name)) {
                throw new IllegalArgumentException("name: \"" + name + "\" is not a device name");
            }
        }
    }

    /** SS7 MTP address: {@code MTP{4..8 hex digits}}. */
    record Mtp(String hex) implements MId {
        public Mtp {
            if (hex == null || !Names.MTP.matcher(hex).matches()) {
                throw new IllegalArgumentException("hex: \"" + hex + "\" (expected: 4..8 hex digits)");
            }
        }
    }

    private static void checkPort(Integer port) {
        if (port != null) {
            Checks.inRange(port, 0, 65535, "port");
        }
    }
}
