package org.mediasec.ue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.msrp.netty.MsrpEndpoint;
import org.mediasec.msrp.session.MsrpConnectionInfo;
import org.mediasec.msrp.session.MsrpSessionConfig;
import org.mediasec.msrp.session.MsrpSessionSpec;
import org.mediasec.sdp.SdpParser;
import org.mediasec.sdp.SdpWriter;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipEndpointListener;
import org.mediasec.sip.SipStackConfig;
import org.mediasec.sip.SipTlsConfig;
import org.mediasec.sip.SipTlsTrust;
import org.mediasec.sip.SipTransport;
import org.mediasec.tls.FileKeyLog;
import org.mediasec.tls.KeyLog;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.PinningListener;
import org.mediasec.tls.TlsOptions;
import org.mediasec.tls.TlsRole;
import org.mediasec.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An IMS user agent: registers with the media-plane sec-agree mechanisms, places and answers calls
 * with one MSRP stream over TLS (e2ae or e2e), chats and transfers files.
 *
 * <pre>
 * try (Ue alice = Ue.start(UeConfig.defaults("alice").withOutboundProxy("127.0.0.1:5060"))) {
 *     alice.register().toCompletableFuture().join();
 *     UeCall call = alice.call("bob", SecurityMode.E2AE).toCompletableFuture().join();
 *     call.sendText("hello").toCompletableFuture().join();
 *     call.hangup();
 * }
 * </pre>
 *
 * <p>Threads: the SIP stack's event thread runs the SIP side; MSRP sessions run on the event loops of
 * {@link Transports}; blocking file work (hashing, saving) runs on a small worker pool; timers (register
 * refresh, setup bounds) on one timer thread. Every {@link CompletionStage} of the API completes on one of
 * these: do not block in its callbacks.
 */
public final class Ue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ue.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long {@link #close()} waits for the de-registration and the BYEs. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final UeConfig config;
    private final Transports transports;
    private final boolean ownsTransports;
    private final LocalIdentity identity;
    private final FileKeyLog keyLogFile;
    private final ScheduledExecutorService timer;
    private final ExecutorService worker;
    /** The pins peer certificates matched on this UE's MSRP endpoint (for {@link TlsInfo#peerFingerprint()}). */
    private final java.util.Set<CertificateFingerprint> verifications = ConcurrentHashMap.newKeySet();
    private final Map<String, DefaultUeCall> calls = new ConcurrentHashMap<>();
    private final Map<String, PendingInvite> offered = new ConcurrentHashMap<>();
    private volatile UeListener listener = UeListener.NONE;
    private volatile SdpFilter incomingSdpFilter = SdpFilter.NONE;
    private MsrpEndpoint msrp;
    private SipEndpoint sip;
    private SipRequests requests;
    private ClientTransactions transactions;
    private Registration registration;
    private volatile boolean closed;

    /** Test hook: rewrites every SDP body this UE receives before it is used (tampering tests). */
    @FunctionalInterface
    interface SdpFilter {
        SdpFilter NONE = sdp -> sdp;

        SessionDescription apply(SessionDescription sdp);
    }

    private Ue(UeConfig config, Transports transports, boolean ownsTransports, LocalIdentity identity, FileKeyLog keyLogFile) {
        this.config = config;
        this.transports = transports;
        this.ownsTransports = ownsTransports;
        this.identity = identity;
        this.keyLogFile = keyLogFile;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("ue-" + config.user() + "-timer"));
        this.worker = Executors.newFixedThreadPool(2, daemon("ue-" + config.user() + "-files"));
    }

    /** Starts a UE with its own event loops and, when configured, its own key log file. */
    public static Ue start(UeConfig config) {
        return start(config, null, null);
    }

    /**
     * Starts a UE: loads or generates the certificate, binds the MSRP/TLS listener and the SIP stack.
     * Does not register: call {@link #register()}.
     *
     * @param transports event loops to share (the lab's), or null to create and own them
     * @param keyLog     where TLS secrets go (the lab's shared key log), or null to use
     *                   {@link UeConfig#keyLogFile()} (none when that is null too)
     */
    public static Ue start(UeConfig config, Transports transports, KeyLog keyLog) {
        Objects.requireNonNull(config, "config");
        LocalIdentity identity;
        try {
            identity = config.certificateFile() == null ? LocalIdentity.selfSigned(config.user() + "." + config.domain())
                    : LocalIdentity.loadOrGenerate(java.nio.file.Path.of(config.certificateFile()),
                    java.nio.file.Path.of(config.privateKeyFile()), config.user() + "." + config.domain());
        } catch (IOException e) {
            throw new UeException("certificate " + config.certificateFile() + ": " + e.getMessage(), e);
        }
        FileKeyLog file = null;
        KeyLog log = keyLog;
        if (log == null && config.keyLog().isPresent()) {
            try {
                file = FileKeyLog.open(config.keyLog().get());
            } catch (IOException e) {
                throw new UeException("keyLogFile " + config.keyLogFile() + ": " + e.getMessage(), e);
            }
            log = file;
        }
        boolean owns = transports == null;
        Transports t = owns ? Transports.create("ue-" + config.user(), 2, Transports.Kind.preferred()) : transports;
        Ue ue = new Ue(config, t, owns, identity, file);
        try {
            ue.bind(log == null ? KeyLog.NONE : log);
        } catch (Exception e) { // Netty rethrows a bind failure (java.net.BindException) undeclared
            ue.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof UeException u ? u : new UeException("cannot start UE " + config.user() + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
        }
        return ue;
    }

    private void bind(KeyLog keyLog) throws InterruptedException {
        TlsOptions tls = TlsOptions.DEFAULTS.withKeyLog(keyLog)
                .withHandshakeTimeout(Duration.ofSeconds(config.tlsHandshakeTimeout()))
                .withListener(new PinningListener() {
                    @Override
                    public void verified(TlsRole localRole, String peer, CertificateFingerprint matched) {
                        verifications.add(matched);
                    }

                    @Override
                    public void refused(TlsRole localRole, String peer, List<CertificateFingerprint> expected,
                                        List<CertificateFingerprint> received, String reason) {
                        LOG.warn("[{}] MSRP TLS peer refused: {}", config.user(), reason);
                    }
                });
        try {
            java.nio.file.Files.createDirectories(config.downloads());
        } catch (IOException e) {
            throw new UeException("downloadDirectory " + config.downloads() + ": " + e.getMessage(), e);
        }
        // large incoming bodies spill next to where they will be saved, so saving is a rename
        MsrpSessionConfig sessionConfig = MsrpSessionConfig.DEFAULT.withMaxMessageSize(config.maxFileSize())
                .withSpillDirectory(config.downloads());
        msrp = MsrpEndpoint.tls(transports, identity, tls, sessionConfig);
        msrp.listen(new InetSocketAddress(config.msrpHost(), config.msrpPort()));
        SipStackConfig stack = SipStackConfig.loopback("ue-" + config.user()).withHost(config.sipHost())
                .withPort(config.sipPort()).withAutomaticDialogSupport(true);
        if (config.sipTransport() != SipTransport.TLS) {
            stack = stack.withTransports(java.util.EnumSet.of(SipTransport.UDP, SipTransport.TCP));
        } else {
            // SIP over TLS only, on sipPort: the outbound proxy pinned; a peer connecting to us (the P-CSCF sending a
            // terminating request) must present a pinned certificate too
            stack = stack.withTls(new SipTlsConfig(identity, SipTlsTrust.pinned(config.outboundProxyPins()), config.sipPort(),
                    SipTlsConfig.ClientAuth.REQUIRED, java.util.EnumSet.allOf(org.mediasec.tls.TlsVersion.class),
                    Duration.ofSeconds(config.tlsHandshakeTimeout()))).withTransports(java.util.EnumSet.of(SipTransport.TLS));
        }
        sip = SipEndpoint.start(stack, new SipSide());
        requests = new SipRequests(config, sip);
        transactions = new ClientTransactions(sip.provider());
        registration = new Registration(config, requests, transactions, timer, reason -> listener.registrationLost(reason));
        LOG.info("[{}] UE {} up: SIP {} over {} via {}, MSRP msrps://{}, certificate {}", config.user(), config.aor(),
                sip.localAddress(), config.sipTransport(), config.outboundProxy(), msrp.localAddress(), identity.fingerprint());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    // ------------------------------------------------------------------ public API

    public UeConfig config() {
        return config;
    }

    /** {@code sip:user@domain}. */
    public String aor() {
        return config.aor();
    }

    /** Our certificate's fingerprint (what our SDP's {@code a=fingerprint} says). */
    public CertificateFingerprint fingerprint() {
        return identity.fingerprint();
    }

    public InetSocketAddress sipAddress() {
        return sip.localAddress();
    }

    public InetSocketAddress msrpAddress() {
        return msrp.localAddress();
    }

    /** Events of incoming calls and of the registration. */
    public void listener(UeListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
    }

    /** REGISTERs (see {@link Registration}); refreshed until {@link #close()}. */
    public CompletionStage<RegistrationInfo> register() {
        checkOpen();
        return registration.register();
    }

    /** The current registration, if registered. */
    public Optional<RegistrationInfo> registration() {
        return registration.current();
    }

    /** Calls with the configured default security mode. */
    public CompletionStage<UeCall> call(String target) {
        return call(target, config.securityMode());
    }

    /**
     * Calls {@code target} (a user of our domain, or a full {@code sip:} URI) with one MSRP stream
     * secured as {@code mode}. Completes when the call is answered, acknowledged, and its MSRP session
     * is connected over TLS with the far side's certificate verified against the SDP answer; fails with
     * a {@link UeException} (the call then ended with BYE if it had been answered).
     */
    public CompletionStage<UeCall> call(String target, SecurityMode mode) {
        checkOpen();
        Objects.requireNonNull(mode, "mode");
        String uri = target.startsWith("sip:") ? target : "sip:" + target + (target.contains("@") ? "" : "@" + config.domain());
        return new OutgoingCall(this, uri, mode).start();
    }

    /** The calls in progress. */
    public List<UeCall> calls() {
        return List.copyOf(calls.values());
    }

    /** Open MSRP connections of this UE (0 once every call has ended and the peers closed theirs). */
    public int msrpConnectionCount() {
        return msrp.connectionCount();
    }

    /** Hangs up every call, de-registers, stops SIP and MSRP; waits a few seconds at most. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sip != null) {
                CompletableFuture<?>[] byes = calls.values().stream()
                        .map(c -> c.end(new CallEnd(CallEnd.Cause.UE_CLOSED, "UE closed"), true)).toArray(CompletableFuture[]::new);
                CompletableFuture<Void> all = CompletableFuture.allOf(byes)
                        .thenCompose(x -> registration.unregister());
                try {
                    all.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                    LOG.info("[{}] close: BYE/de-registration not answered within {}", config.user(), CLOSE_WAIT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sip.stop();
            }
        } finally {
            if (msrp != null) {
                msrp.close();
            }
            timer.shutdownNow();
            worker.shutdownNow();
            if (ownsTransports) {
                transports.close();
            }
            if (keyLogFile != null) {
                try {
                    keyLogFile.close();
                } catch (IOException e) {
                    LOG.warn("[{}] key log {}: {}", config.user(), keyLogFile.file(), e.toString());
                }
            }
            LOG.info("[{}] UE closed", config.user());
        }
    }

    // ------------------------------------------------------------------ package-private plumbing

    MsrpEndpoint msrp() {
        return msrp;
    }

    ExecutorService worker() {
        return worker;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    SipRequests requests() {
        return requests;
    }

    ClientTransactions transactions() {
        return transactions;
    }

    SipEndpoint sip() {
        return sip;
    }

    void incomingSdpFilter(SdpFilter filter) {
        this.incomingSdpFilter = filter;
    }

    UeListener listener() {
        return listener;
    }

    void track(DefaultUeCall call) {
        calls.put(call.callId(), call);
    }

    void forget(DefaultUeCall call) {
        calls.remove(call.callId(), call);
    }

    /** Our SDP media facts for a new stream: a fresh {@code msrps} path URI on our listener. */
    UeSdp.Local localMedia() {
        return new UeSdp.Local(config.user(), config.msrpHost(), msrp.localAddress().getPort(),
                msrp.newLocalUri(config.msrpHost()), identity.fingerprint(), config.maxFileSize());
    }

    static long newSessionId() {
        return Math.abs(RANDOM.nextLong() % 1_000_000_000_000L);
    }

    /** The SDP body of a message, through the test filter. */
    SessionDescription sdpOf(Message m) {
        byte[] raw = m.getRawContent();
        if (raw == null || raw.length == 0) {
            throw new UeSdp.Rejection(488, "no SDP body");
        }
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(new String(raw, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new UeSdp.Rejection(488, "the SDP does not parse: " + e.getMessage());
        }
        return incomingSdpFilter.apply(sdp);
    }

    /** Sets {@code sdp} as the body of {@code m} ({@code application/sdp}). */
    void body(Message m, SessionDescription sdp) {
        try {
            ContentTypeHeader ct = requests.headers().createContentTypeHeader("application", "sdp");
            m.setContent(SdpWriter.write(sdp).getBytes(StandardCharsets.UTF_8), ct);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends BYE in {@code dialog}; completes (never exceptionally) when answered or failed. */
    CompletableFuture<Void> sendBye(DefaultUeCall call, Dialog dialog) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            Request bye = dialog.createRequest(Request.BYE);
            requests.addVerify(bye);
            transactions.send(dialog, bye, new ClientTransactions.Handler() {
                @Override
                public void response(ResponseEvent event) {
                    if (event.getResponse().getStatusCode() >= 200) {
                        done.complete(null);
                    }
                }

                @Override
                public void failed(String reason) {
                    LOG.info("[{}] BYE for {}: {}", config.user(), call.callId(), reason);
                    done.complete(null);
                }
            });
        } catch (SipException | RuntimeException e) {
            LOG.info("[{}] cannot send BYE for {}: {}", config.user(), call.callId(), e.toString());
            done.complete(null);
        }
        return done.completeOnTimeout(null, config.callTimeout(), TimeUnit.SECONDS);
    }

    /** Sends the ACK of a 2xx to our INVITE, with Security-Verify. */
    void sendAck(Dialog dialog, Response ok) throws SipException, InvalidArgumentException {
        long cseq = ((CSeqHeader) ok.getHeader(CSeqHeader.NAME)).getSeqNumber();
        Request ack = dialog.createAck(cseq);
        requests.addVerify(ack);
        dialog.sendAck(ack);
    }

    /**
     * What secured {@code call}'s connection, once its session is connected: the MSRP endpoint's view
     * of the connection (addresses, TLS version, cipher suite) and the pin its certificate matched.
     */
    Optional<TlsInfo> tlsInfo(DefaultUeCall call) {
        Optional<org.mediasec.msrp.session.MsrpSession> session = call.session();
        if (session.isEmpty() || !session.get().connected().isDone() || session.get().connected().isCompletedExceptionally()) {
            return Optional.empty();
        }
        Optional<MsrpConnectionInfo> conn = msrp.connectionInfo(session.get());
        if (conn.isEmpty()) {
            return Optional.empty();
        }
        MsrpSessionSpec spec = call.spec();
        Optional<CertificateFingerprint> pin = spec.remoteFingerprints().stream()
                .filter(verifications::contains).findFirst();
        InetSocketAddress remote = conn.get().remote();
        // Connected on a TLS endpoint implies the pin check passed: the client context trusts only the
        // spec's pins, and the listener admits a connection to a session only with a pinned certificate.
        return Optional.of(new TlsInfo(spec.secure(), conn.get().tlsVersion(), conn.get().cipherSuite(),
                spec.secure() && pin.isPresent(), pin, conn.get().outbound() ? "client" : "server",
                remote.getAddress().getHostAddress() + ":" + remote.getPort()));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("UE " + config.user() + " is closed");
        }
    }

    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    static String userOf(Message m, boolean from) {
        return from ? ((FromHeader) m.getHeader(FromHeader.NAME)).getAddress().getURI().toString()
                : ((ToHeader) m.getHeader(ToHeader.NAME)).getAddress().getURI().toString();
    }

    // ------------------------------------------------------------------ SIP events

    private final class SipSide implements SipEndpointListener {
        @Override
        public void onRequest(IncomingRequest in) {
            String callId = in.request().getHeader(javax.sip.header.CallIdHeader.NAME) instanceof javax.sip.header.CallIdHeader c
                    ? c.getCallId() : "";
            switch (in.method()) {
                case Request.INVITE -> {
                    if (((ToHeader) in.request().getHeader(ToHeader.NAME)).getTag() != null) {
                        // re-INVITE: the UE keeps its one stream as negotiated
                        in.respond(Response.NOT_ACCEPTABLE_HERE);
                        return;
                    }
                    new PendingInvite(Ue.this, in, callId).handle();
                }
                case Request.ACK -> {
                    PendingInvite p = offered.get(callId);
                    if (p != null) {
                        p.acked();
                    }
                }
                case Request.BYE -> {
                    DefaultUeCall call = calls.get(callId);
                    PendingInvite p = offered.get(callId);
                    // the call is over (listeners told) before the 200 leaves, so the caller's hang-up
                    // completing means this side has ended too
                    if (call != null) {
                        call.end(new CallEnd(CallEnd.Cause.BYE_RECEIVED, "BYE from " + userOf(in.request(), true)), false);
                    }
                    if (p != null) {
                        p.byeBeforeEstablished();
                    }
                    in.respond(call != null || p != null ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                }
                case Request.CANCEL -> {
                    PendingInvite p = offered.get(callId);
                    in.respond(p != null ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                    if (p != null) {
                        p.cancelled();
                    }
                }
                case Request.OPTIONS -> in.respond(Response.OK);
                default -> in.respond(Response.NOT_IMPLEMENTED);
            }
        }

        @Override
        public void onResponse(ResponseEvent event) {
            ClientTransaction ct = event.getClientTransaction();
            if (ct != null && ct.getApplicationData() instanceof ClientTransactions.Handler h) {
                h.response(event);
            } else {
                LOG.debug("[{}] response {} without a transaction (a 2xx retransmission)", config.user(),
                        event.getResponse().getStatusCode());
            }
        }

        @Override
        public void onTimeout(TimeoutEvent event) {
            if (!event.isServerTransaction() && event.getClientTransaction().getApplicationData()
                    instanceof ClientTransactions.Handler h) {
                h.failed("no response within the SIP transaction timeout");
            }
        }

        @Override
        public void onIoException(IOExceptionEvent event) {
            LOG.warn("[{}] cannot reach {}:{}/{}", config.user(), event.getHost(), event.getPort(), event.getTransport());
        }
    }

    void offered(String callId, PendingInvite p) {
        offered.put(callId, p);
    }

    void offerDone(String callId, PendingInvite p) {
        offered.remove(callId, p);
    }
}
