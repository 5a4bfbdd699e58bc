package org.mediasec.sdp;

import java.util.List;

/**
 * The T.38 attributes of one {@code m=image} stream (ITU-T T.38 Annex D), every field optional
 * ({@code null} = attribute absent; booleans: absent = false). Read with {@link #from(SdpLevel)},
 * write with {@link #applyTo(MediaDescription.Builder)}.
 */
public record T38Parameters(Integer version, Integer maxBitRate, boolean fillBitRemoval, boolean transcodingMmr,
                            boolean transcodingJbig, T38Token rateManagement, Integer maxBuffer, Integer maxDatagram,
                            Integer maxIfp, T38Token udpEc, T38EcDepth udpEcDepth, Integer udpFecMaxSpan,
                            String modemType, String vendorInfo) {

    /**
     * The IMS-recommended values for T.38 version 2 (TS 29.163 Table K.2.1, TS 26.114 L.3.2):
     * version 2, 14400 bit/s, no fill-bit removal, no MMR/JBIG transcoding, transferredTCF,
     * max buffer 1800, max datagram 150, t38UDPRedundancy.
     */
    public static final T38Parameters IMS_RECOMMENDED = new T38Parameters(2, 14400, false, false, false,
            T38Token.TRANSFERRED_TCF, 1800, 150, null, T38Token.UDP_REDUNDANCY, null, null, null, null);

    /**
     * {@link #IMS_RECOMMENDED} plus the version-4 items of TS 29.163 Table K.2.1: version 4,
     * T38FaxMaxIFP 40, T38FaxUdpECDepth 1 2, T38FaxUdpFECMaxSpan 3, T38ModemType t38G3FaxOnly.
     */
    public static final T38Parameters IMS_RECOMMENDED_V4 = new T38Parameters(4, 14400, false, false, false,
            T38Token.TRANSFERRED_TCF, 1800, 150, 40, T38Token.UDP_REDUNDANCY, new T38EcDepth(1, 2), 3,
            "t38G3FaxOnly", null);

    /** No attribute at all. */
    public static final T38Parameters NONE = new T38Parameters(null, null, false, false, false, null, null, null,
            null, null, null, null, null, null);

    /**
     * Reads every T.38 attribute of a level.
     *
     * @throws SdpAttributeException when one of them is malformed
     */
    public static T38Parameters from(SdpLevel level) {
        return new T38Parameters(
                level.get(SdpAttributes.T38_FAX_VERSION).orElse(null),
                level.get(SdpAttributes.T38_MAX_BIT_RATE).orElse(null),
                level.get(SdpAttributes.T38_FAX_FILL_BIT_REMOVAL).orElse(false),
                level.get(SdpAttributes.T38_FAX_TRANSCODING_MMR).orElse(false),
                level.get(SdpAttributes.T38_FAX_TRANSCODING_JBIG).orElse(false),
                level.get(SdpAttributes.T38_FAX_RATE_MANAGEMENT).orElse(null),
                level.get(SdpAttributes.T38_FAX_MAX_BUFFER).orElse(null),
                level.get(SdpAttributes.T38_FAX_MAX_DATAGRAM).orElse(null),
                level.get(SdpAttributes.T38_FAX_MAX_IFP).orElse(null),
                level.get(SdpAttributes.T38_FAX_UDP_EC).orElse(null),
                level.get(SdpAttributes.T38_FAX_UDP_EC_DEPTH).orElse(null),
                level.get(SdpAttributes.T38_FAX_UDP_FEC_MAX_SPAN).orElse(null),
                level.get(SdpAttributes.T38_MODEM_TYPE).orElse(null),
                level.get(SdpAttributes.T38_VENDOR_INFO).orElse(null));
    }

    /** Every T.38 attribute type, in the order {@link #applyTo} writes them. */
    public static final List<AttributeType<?>> TYPES = List.of(SdpAttributes.T38_FAX_VERSION,
            SdpAttributes.T38_MAX_BIT_RATE, SdpAttributes.T38_FAX_FILL_BIT_REMOVAL, SdpAttributes.T38_FAX_TRANSCODING_MMR,
            SdpAttributes.T38_FAX_TRANSCODING_JBIG, SdpAttributes.T38_FAX_RATE_MANAGEMENT, SdpAttributes.T38_FAX_MAX_BUFFER,
            SdpAttributes.T38_FAX_MAX_DATAGRAM, SdpAttributes.T38_FAX_MAX_IFP, SdpAttributes.T38_FAX_UDP_EC,
            SdpAttributes.T38_FAX_UDP_EC_DEPTH, SdpAttributes.T38_FAX_UDP_FEC_MAX_SPAN, SdpAttributes.T38_MODEM_TYPE,
            SdpAttributes.T38_VENDOR_INFO);

    /**
     * Replaces the T.38 attributes of {@code media} with these values: absent fields and false
     * booleans are removed, the others set (appended after the other attributes in a fixed order).
     */
    public MediaDescription.Builder applyTo(MediaDescription.Builder media) {
        for (AttributeType<?> t : TYPES) {
            media.remove(t);
        }
        put(media, SdpAttributes.T38_FAX_VERSION, version);
        put(media, SdpAttributes.T38_MAX_BIT_RATE, maxBitRate);
        put(media, SdpAttributes.T38_FAX_FILL_BIT_REMOVAL, fillBitRemoval ? Boolean.TRUE : null);
        put(media, SdpAttributes.T38_FAX_TRANSCODING_MMR, transcodingMmr ? Boolean.TRUE : null);
        put(media, SdpAttributes.T38_FAX_TRANSCODING_JBIG, transcodingJbig ? Boolean.TRUE : null);
        put(media, SdpAttributes.T38_FAX_RATE_MANAGEMENT, rateManagement);
        put(media, SdpAttributes.T38_FAX_MAX_BUFFER, maxBuffer);
        put(media, SdpAttributes.T38_FAX_MAX_DATAGRAM, maxDatagram);
        put(media, SdpAttributes.T38_FAX_MAX_IFP, maxIfp);
        put(media, SdpAttributes.T38_FAX_UDP_EC, udpEc);
        put(media, SdpAttributes.T38_FAX_UDP_EC_DEPTH, udpEcDepth);
        put(media, SdpAttributes.T38_FAX_UDP_FEC_MAX_SPAN, udpFecMaxSpan);
        put(media, SdpAttributes.T38_MODEM_TYPE, modemType);
        put(media, SdpAttributes.T38_VENDOR_INFO, vendorInfo);
        return media;
    }

    private static <T> void put(MediaDescription.Builder b, AttributeType<T> type, T value) {
        if (value != null) {
            b.add(type, value);
        }
    }
}
