package org.mediasec.lab;

import org.mediasec.agw.bearer.RelayStats;

/**
 * The facts of one call from both UEs and both AGWs, from which its legs and leg checks are made.
 *
 * <p>Each AGW's relay is seen twice. {@code exchangeA}/{@code exchangeB} are its live statistics taken
 * once the media exchange was provably quiescent (every octet either UE wrote had been read by the
 * other UE, and neither writes again before hang-up: see {@code CallScenario#exchangeSnapshot}); the
 * checks that compare counts across AGWs or directions judge these. {@code agwA}/{@code agwB} are the
 * final statistics the AGW reported when the P-CSCF subtracted the context: they add the teardown
 * (TLS close_notify records, crossing the legs while the relays are being subtracted; Subtract drops
 * what is still in flight), so they may legitimately differ from one leg to the next by what was in
 * flight. The report shows both.
 *
 * @param a         what UE-A saw, or {@code null} when the call never connected
 * @param b         what UE-B saw, or {@code null}
 * @param agwA      the final statistics of AGW-A's relay for the call, or {@code null} when it made none
 * @param agwB      the same at AGW-B
 * @param exchangeA AGW-A's relay statistics at the end of the media exchange, or {@code null} when the
 *                  exchange did not complete (a step failed) or AGW-A had no relay for the call then
 * @param exchangeB the same at AGW-B
 * @param fileSize  the size of the file sent (0: none)
 */
public record CallEvidence(UeEnd a, UeEnd b, RelayStats agwA, RelayStats agwB, RelayStats exchangeA,
                           RelayStats exchangeB, long fileSize) {
    /** Both AGWs' counts at the end of the exchange are known. */
    public boolean exchangeCounted() {
        return exchangeA != null && exchangeB != null;
    }
}
