package org.mediasec.agw.bearer;

import java.util.List;

import org.mediasec.common.Checks;
import org.mediasec.msrp.MsrpUri;

/**
 * The MSRP session identities of one leg in MSRP application-aware mode (TS 23.334 §5.19; the
 * coding is {@code docs/iq-profile.md} row 26): the AGW stands as the MSRP endpoint toward the peer
 * of each leg, so the peer of a leg addresses the AGW's URI and the AGW addresses the peer's.
 *
 * @param local  the AGW's {@code a=path} on this leg (Local descriptor): what the peer puts in To-Path,
 *               and what the AGW writes in From-Path toward it; its last URI identifies the AGW
 * @param remote the peer's {@code a=path} on this leg (Remote descriptor): the To-Path of what the AGW
 *               sends it; empty until the peer's SDP is known
 */
public record MsrpPaths(List<MsrpUri> local, List<MsrpUri> remote) {
    public MsrpPaths {
        Checks.notNull(local, "local");
        Checks.notNull(remote, "remote");
        local = List.copyOf(local);
        remote = List.copyOf(remote);
        if (local.isEmpty()) {
            throw new IllegalArgumentException("local: empty (expected the AGW's a=path on this leg)");
        }
    }

    /** The URI that identifies the AGW toward this leg's peer (the last of {@link #local}). */
    public MsrpUri localUri() {
        return local.get(local.size() - 1);
    }

    public MsrpPaths withRemote(List<MsrpUri> remote) {
        return new MsrpPaths(local, remote);
    }

    @Override
    public String toString() {
        return "msrp-aware local " + local + " remote " + remote;
    }
}
