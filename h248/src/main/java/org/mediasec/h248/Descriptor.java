package org.mediasec.h248;

/** A descriptor that a command or command reply carries (H.248.1 §7.1). */
public sealed interface Descriptor permits MediaDescriptor, ModemDescriptor, MuxDescriptor, EventsDescriptor,
        SignalsDescriptor, DigitMapDescriptor, AuditDescriptor, ObservedEventsDescriptor, EventBufferDescriptor,
        StatisticsDescriptor, PackagesDescriptor, ServiceChangeDescriptor, ErrorDescriptor {

    DescriptorKind kind();
}
