/**
 * The H.248.1 transaction layer (§8, Annex D): {@link org.mediasec.h248.transaction.H248TransactionLayer}
 * between a transport ({@link org.mediasec.h248.transaction.H248Transport}: UDP, TCP/TPKT, later SCTP)
 * and a handler of whole transactions ({@link org.mediasec.h248.transaction.H248TransactionHandler}).
 *
 * <pre>
 * H248DatagramCodec / TpktFrameDecoder → H248StreamCodec  →  H248TransactionLayer  →  H248User (MG or MGC)
 * </pre>
 *
 * <h2>What the layer does</h2>
 * <ul>
 *   <li>Matches replies to requests by transaction id, per peer address.</li>
 *   <li>Over UDP repeats a request after 1, 2, 4, 4, 4 s (capped doubling) and then fails it with
 *       {@link org.mediasec.h248.transaction.H248TimeoutException}; over a reliable transport it
 *       never repeats and waits LONG-TIMER.</li>
 *   <li>As receiver: sends TransactionPending every {@code pendingTimer} while the user works; a
 *       repeated request is answered with Pending (still working) or from the reply cache (done),
 *       never executed twice. As sender: a Pending stops repetition; silence for
 *       {@code pendingWait} after it restarts repetition; too many Pendings fail the request with 506.</li>
 *   <li>Replies are cached until acknowledged (TransactionResponseAck) or for LONG-TIMER; an
 *       acknowledged id stays known until LONG-TIMER so late copies of the request are ignored.</li>
 *   <li>Replies carrying ImmAckRequired are acknowledged; acks are batched into ranges and ride on the
 *       next message to that peer (or wait {@code ackDelay}).</li>
 *   <li>Several transactions per message in both directions (everything queued for a peer while a
 *       message is processed leaves in one message); a message-level error descriptor goes to the handler.</li>
 *   <li>A malformed message is answered with the mini decoder's error: a Reply with 403 (406 for the
 *       version) when the request's transaction id was recovered, else a message-level 400. Input
 *       without even an H.248 header is dropped.</li>
 *   <li>A handler that throws or fails is answered with error 500; the layer keeps serving.</li>
 * </ul>
 *
 * <h2>Defaults</h2>
 * See {@link org.mediasec.h248.transaction.H248TransactionConfig}: each default names the clause it
 * comes from, or says it is our choice (Annex D.1.3 leaves the retransmission algorithm open).
 *
 * <h2>Threads</h2>
 * One thread owns a layer (the event loop of its transport); timers run on it through
 * {@code EventLoopTimers}. Tests use {@code ManualTimerService} and a direct executor.
 *
 * <h2>Not done</h2>
 * Version 3 segmentation (SegmentReply, segmented replies), splitting replies larger than a
 * datagram, and adaptive (RTT-measured) retransmission timers.
 */
package org.mediasec.h248.transaction;
