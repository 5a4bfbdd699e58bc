package org.mediasec.sdp.offeranswer;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mediasec.sdp.SessionDescription;

/**
 * The result of {@link OfferAnswer#answer}: the answer SDP and, per offered m-line, what happened.
 *
 * @param sdp     the answer, with exactly as many m-lines as the offer
 * @param streams one entry per offered m-line, same order
 */
public record Answer(SessionDescription sdp, List<Stream> streams) {
    public Answer {
        Objects.requireNonNull(sdp, "sdp");
        streams = List.copyOf(streams);
    }

    /**
     * One m-line's outcome.
     *
     * @param index      m-line index (0-based)
     * @param accepted   false when answered with port 0
     * @param reason     why it was rejected (empty when accepted)
     * @param capability the capability used, when accepted
     * @param roles      connection roles, when the stream is TCP-based or DTLS
     */
    public record Stream(int index, boolean accepted, String reason, Optional<MediaCapability> capability,
                         Optional<ConnectionRoles> roles) {
        public Stream {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(capability, "capability");
            Objects.requireNonNull(roles, "roles");
        }
    }
}
