package org.mediasec.agw.bearer;

/**
 * Both legs of a relay.
 *
 * @param id      the relay's id (the H.248 context and terminations, for the H.248 layer)
 * @param state   the relay's state when the snapshot was taken
 * @param access  the access leg
 * @param core    the core leg
 * @param failure    the first failure, or {@code null}
 * @param releasedBy the leg whose peer closed its connection first and so ended the relay ("IP Bearer
 *                   Released"), or {@code null} (not ended, ended by {@link BearerRelay#close()}, or failed)
 */
public record RelayStats(String id, BearerRelay.State state, LegStats access, LegStats core, BearerFailure failure,
                         Side releasedBy) {
    /** The given leg. */
    public LegStats leg(Side side) {
        return side == Side.ACCESS ? access : core;
    }
}
