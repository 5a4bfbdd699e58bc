package org.mediasec.h248;

import java.util.List;

import org.mediasec.common.Checks;

/**
 * ServiceChange descriptor (H.248.1 §7.1.13, Annex B {@code serviceChangeDescriptor} and
 * {@code serviceChangeReplyDescriptor}): {@code Services { Method = Restart, ... }}. Every field is
 * null/empty/false when absent; a reply carries only address, profile, version, MgcIdToTry and time stamp.
 *
 * @param reason     the reason text without quotes, e.g. {@code 901 Cold Boot} (always encoded quoted)
 * @param extensions {@code X-name = value} / {@code X+name = value} parameters, kept as written
 * @param incomplete version 3 {@code ServiceChangeInc}
 */
public record ServiceChangeDescriptor(ServiceChangeMethod method, String reason, Integer delay,
                                      ServiceChangeAddress address, ServiceChangeProfile profile, Integer version,
                                      MId mgcIdToTry, TimeNotation timestamp, List<PropertyParm> extensions,
                                      boolean incomplete) implements Descriptor {
    public ServiceChangeDescriptor {
        if (reason != null && !Names.isQuotedContent(reason)) {
            throw new IllegalArgumentException("reason: \"" + reason + "\" cannot be quoted");
        }
        if (delay != null) {
            Checks.inRange(delay, 0, Integer.MAX_VALUE, "delay");
        }
        if (version != null) {
            Checks.inRange(version, 0, 99, "version");
        }
        extensions = List.copyOf(extensions);
        for (PropertyParm p : extensions) {
            if (!Names.isExtension(p.name())) {
                throw new IllegalArgumentException("extension: \"" + p.name() + "\" is not X-name or X+name");
            }
        }
        if (method == null && reason == null && delay == null && address == null && profile == null && version == null
                && mgcIdToTry == null && timestamp == null && extensions.isEmpty() && !incomplete) {
            // Annex B: ServicesToken LBRKT serviceChangeParm *(COMMA serviceChangeParm) RBRKT
            throw new IllegalArgumentException("Services: empty");
        }
        if (address != null && mgcIdToTry != null) {
            // H.248.1 §7.2.8: ServiceChangeAddress and ServiceChangeMgcId are mutually exclusive
            throw new IllegalArgumentException("ServiceChangeAddress and MgcIdToTry together");
        }
    }

    /** A request: method and reason (the two mandatory parameters of §7.2.8). */
    public static ServiceChangeDescriptor request(ServiceChangeMethod method, String reason) {
        return new ServiceChangeDescriptor(method, reason, null, null, null, null, null, null, List.of(), false);
    }

    @Override
    public DescriptorKind kind() {
        return DescriptorKind.SERVICES;
    }

    /** {@code ServiceChangeAddress = mId} or {@code = port}: exactly one of the two. */
    public record ServiceChangeAddress(MId mId, Integer port) {
        public ServiceChangeAddress {
            if ((mId == null) == (port == null)) {
                throw new IllegalArgumentException("ServiceChangeAddress: exactly one of mId and port");
            }
            if (port != null) {
                Checks.inRange(port, 0, 65535, "port");
            }
        }

        public static ServiceChangeAddress port(int port) {
            return new ServiceChangeAddress(null, port);
        }
    }

    /** {@code Profile = ResGW/1}. */
    public record ServiceChangeProfile(String name, int version) {
        public ServiceChangeProfile {
            if (name == null || !Names.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("profile name: \"" + name + "\"");
            }
            Checks.inRange(version, 0, 99, "profileVersion");
        }
    }
}
