/**
 * The H.248 user API: applications see whole transactions (actions and commands), never bytes.
 *
 * <ul>
 *   <li>MG role: {@link org.mediasec.h248.user.H248MediaGateway} with an {@link org.mediasec.h248.user.MgUser}.
 *       Registers with ServiceChange (Method=Restart, Reason "901 ...", Profile, Version; adopts a
 *       lower Version from the MGC's reply, H.248.1 §11.3), follows MgcIdToTry in the reply and
 *       HandOff requests (§11.5, re-registering with Method=HandOff, Reason 903), answers audits of
 *       ROOT itself, probes a silent MGC with a Notify of {@code it/ito} on ROOT and registers again
 *       (Method=Disconnected) when the MGC is lost.</li>
 *   <li>MGC role: {@link org.mediasec.h248.user.H248MediaGatewayController} with an
 *       {@link org.mediasec.h248.user.MgcUser}. Accepts registrations (echoing the Profile, answering a
 *       lower Version when it must), gives the application an {@link org.mediasec.h248.user.MgHandle}
 *       per MG to send commands and await replies as futures, hands MGs off, audits silent MGs
 *       (heartbeat) and reports an MG lost when a request to it runs out of retransmissions, its TCP
 *       connection closes or it deregisters.</li>
 * </ul>
 *
 * A request handler returns an {@link org.mediasec.h248.user.H248Reply}: actions now, an error now,
 * or {@link org.mediasec.h248.user.H248Reply#later} (TransactionPending is sent meanwhile). A handler
 * that throws is answered with error 500 and the stack keeps serving. Callbacks run on the stack's
 * event loop and must not block; futures returned by {@code call} complete on it too.
 */
package org.mediasec.h248.user;
