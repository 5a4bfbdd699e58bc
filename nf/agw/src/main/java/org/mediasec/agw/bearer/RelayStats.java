package org.mediasec.agw.bearer;

/**
 * Both legs of a relay.
 *
 * @param id      the relay's id (the H.248 context and terminations, for the H.248 layer)
 * @param state   the relay's state when the snapshot was taken
 * @param access  the access leg
 * @param core    the core leg
 * @param failure the first failure, or {@code null}
 */
public record RelayStats(String id, BearerRelay.State state, LegStats access, LegStats core, BearerFailure failure) {
    /** The given leg. */
    public LegStats leg(Side side) {
        return side == Side.ACCESS ? access : core;
    }
}
