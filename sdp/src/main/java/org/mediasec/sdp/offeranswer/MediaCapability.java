package org.mediasec.sdp.offeranswer;

import java.util.List;
import java.util.Objects;
import org.mediasec.sdp.Attribute;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;

/**
 * What the answerer accepts for one kind of stream.
 *
 * @param media          media type matched against the offer ({@code message}, {@code application}, {@code image}, ...)
 * @param protos         accepted protos (compared ignoring case)
 * @param formats        accepted formats; empty or containing {@code *} accepts every offered format
 * @param port           the answer's port (or {@link MediaDescription#PORT_CHOOSE})
 * @param attributes     attributes to put on the answer's m-line (e.g. path, accept-types, fingerprint)
 * @param preferredSetup what to answer to {@code a=setup:actpass}: active or passive
 */
public record MediaCapability(String media, List<Proto> protos, List<String> formats, int port,
                              List<Attribute> attributes, Setup preferredSetup) {
    public MediaCapability {
        Objects.requireNonNull(media, "media");
        protos = List.copyOf(protos);
        formats = List.copyOf(formats);
        attributes = List.copyOf(attributes);
        Objects.requireNonNull(preferredSetup, "preferredSetup");
        if (preferredSetup != Setup.ACTIVE && preferredSetup != Setup.PASSIVE) {
            throw new IllegalArgumentException("preferredSetup: " + preferredSetup + " (expected: active or passive)");
        }
        if (protos.isEmpty()) {
            throw new IllegalArgumentException("protos: empty");
        }
    }

    /** Accepts {@code media} over {@code proto}, any format, on {@code port}, answering actpass with active. */
    public static MediaCapability of(String media, Proto proto, int port, Attribute... attributes) {
        return new MediaCapability(media, List.of(proto), List.of(), port, List.of(attributes), Setup.ACTIVE);
    }

    public MediaCapability withPreferredSetup(Setup setup) {
        return new MediaCapability(media, protos, formats, port, attributes, setup);
    }

    public MediaCapability withFormats(List<String> formats) {
        return new MediaCapability(media, protos, formats, port, attributes, preferredSetup);
    }

    boolean accepts(MediaDescription offered) {
        if (!media.equalsIgnoreCase(offered.media())) {
            return false;
        }
        for (Proto p : protos) {
            if (p.is(offered.proto())) {
                return true;
            }
        }
        return false;
    }

    boolean acceptsAnyFormat() {
        return formats.isEmpty() || formats.contains("*");
    }
}
