package org.mediasec.msrp.relay;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mediasec.msrp.MsrpUri;

/**
 * What a successful AUTH gave (RFC 4976 §5.1): the {@code Use-Path} the client puts (reversed) before
 * its own URI in {@code a=path} and the lifetime from {@code Expires}.
 *
 * @param relay      the relay URI the AUTH was sent to
 * @param usePath    the relay's Use-Path URIs, in order (never empty)
 * @param expires    the lifetime the relay granted; empty when its 200 carried no Expires
 * @param obtainedAt {@link org.mediasec.common.TimerService#nanoTime()} when the 200 arrived
 */
public record RelayBinding(MsrpUri relay, List<MsrpUri> usePath, Optional<Duration> expires, long obtainedAt) {
    public RelayBinding {
        Objects.requireNonNull(relay, "relay");
        usePath = List.copyOf(usePath);
        if (usePath.isEmpty()) {
            throw new IllegalArgumentException("usePath: empty");
        }
        Objects.requireNonNull(expires, "expires");
    }

    /** The path to advertise in SDP {@code a=path}: the Use-Path reversed, then our own URI (RFC 4976 §5.1). */
    public List<MsrpUri> advertisedPath(MsrpUri local) {
        return RelayPaths.advertisedPath(usePath, local);
    }
}
