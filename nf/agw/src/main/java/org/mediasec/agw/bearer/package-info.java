/**
 * The IMS-AGW bearer data path: TCP bearers joined in pairs (access and core), with TLS terminated
 * on the access leg (e2ae, fingerprint-pinned, RFC 8122) or passed through untouched (e2e, CEMA).
 *
 * <ul>
 *   <li>Model: {@link org.mediasec.agw.bearer.Realm} and its {@link org.mediasec.agw.bearer.PortAllocator},
 *       {@link org.mediasec.agw.bearer.BearerLeg} (one per termination: transport, TCP setup role,
 *       remote address, TLS identity and pins), {@link org.mediasec.agw.bearer.BearerConfig}.</li>
 *   <li>{@link org.mediasec.agw.bearer.BearerRelays} makes {@link org.mediasec.agw.bearer.BearerRelay}s;
 *       a relay establishes its legs lazily (TCP merge mode, see {@link org.mediasec.agw.bearer.TcpSetup}),
 *       relays bytes with backpressure, propagates close and reports to a
 *       {@link org.mediasec.agw.bearer.BearerListener}: {@link org.mediasec.agw.bearer.LegStats},
 *       {@link org.mediasec.agw.bearer.RelayStats}, {@link org.mediasec.agw.bearer.BearerFailure}.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Each relay is confined to one event loop of the process's {@code Transports} group: its listener,
 * both connections and its close timer run there. Listener calls run on that loop.
 *
 * <h2>Logs</h2>
 * Prefix {@code [bearer <id>]}. INFO: relay established, relay closed (with per-leg statistics).
 * WARN: a failure (one line, with its kind and the reason). DEBUG: listening, connecting, leg up.
 * TRACE: reads paused and resumed.
 */
package org.mediasec.agw.bearer;
