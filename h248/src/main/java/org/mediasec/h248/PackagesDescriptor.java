package org.mediasec.h248;

import java.util.List;

import org.mediasec.common.Checks;

/** Packages descriptor (H.248.1 §7.1.16): {@code Packages { nt-1, rtp-1 }}; empty: {@code Packages}. */
public record PackagesDescriptor(List<PackageRef> packages) implements Descriptor {
    public PackagesDescriptor {
        packages = List.copyOf(packages);
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.PACKAGES;
    }

    /** {@code name-version}. */
    public record PackageRef(String name, int version) {
        public PackageRef {
            if (name == null || !Names.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("package name: \"" + name + "\"");
            }
            Checks.inRange(version, 0, 99, "packageVersion");
        }
    }
}
