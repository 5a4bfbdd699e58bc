package org.mediasec.lab;

import org.mediasec.agw.bearer.RelayStats;

/**
 * The facts of one call from both UEs and both AGWs, from which its legs and leg checks are made.
 *
 * @param a      what UE-A saw, or {@code null} when the call never connected
 * @param b      what UE-B saw, or {@code null}
 * @param agwA   the final statistics of AGW-A's relay for the call, or {@code null} when it made none
 * @param agwB   the same at AGW-B
 * @param fileSize the size of the file sent (0: none)
 */
public record CallEvidence(UeEnd a, UeEnd b, RelayStats agwA, RelayStats agwB, long fileSize) {
}
