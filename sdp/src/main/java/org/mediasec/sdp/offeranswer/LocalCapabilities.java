package org.mediasec.sdp.offeranswer;

import java.util.List;
import java.util.Objects;
import org.mediasec.sdp.Attribute;
import org.mediasec.sdp.ConnectionData;
import org.mediasec.sdp.Origin;

/**
 * What the answerer can do: its origin and address, session-level attributes to add, and the stream
 * kinds it accepts (the first matching {@link MediaCapability} is used for each offered m-line).
 *
 * @param origin            the answer's {@code o=} line
 * @param connection        the answer's session-level {@code c=} line
 * @param sessionAttributes attributes for the answer's session level (e.g. a session-level fingerprint)
 * @param media             accepted stream kinds
 */
public record LocalCapabilities(Origin origin, ConnectionData connection, List<Attribute> sessionAttributes,
                                List<MediaCapability> media) {
    public LocalCapabilities {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(connection, "connection");
        sessionAttributes = List.copyOf(sessionAttributes);
        media = List.copyOf(media);
    }

    public static LocalCapabilities of(Origin origin, ConnectionData connection, MediaCapability... media) {
        return new LocalCapabilities(origin, connection, List.of(), List.of(media));
    }
}
