package org.mediasec.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.mediasec.agw.AgwNode;
import org.mediasec.agw.bearer.RelayStats;
import org.mediasec.pcscf.PcscfNode;
import org.mediasec.pcscf.SessionView;
import org.mediasec.pcscf.alg.StreamAction;
import org.mediasec.sdp.E2aeIndication;
import org.mediasec.sdp.MediaDescription;
import org.mediasec.sdp.SdpAttributes;
import org.mediasec.sdp.SessionDescription;
import org.mediasec.ue.CallEnd;
import org.mediasec.ue.FileProgressListener;
import org.mediasec.ue.ReceivedFile;
import org.mediasec.ue.SentFile;
import org.mediasec.ue.TlsInfo;
import org.mediasec.ue.UeCall;
import org.mediasec.ue.UeCallListener;
import org.mediasec.ue.UeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scenario: UE-A calls UE-B with one MSRP stream secured e2ae or e2e, they chat both ways, UE-A
 * sends a file, UE-A hangs up; then the checks on what each leg carried ({@link LegChecks}) from the
 * AGWs' relay statistics (live ones taken when the exchange was over, before hang-up, and the final ones
 * of the teardown) and the UEs' TLS facts. Every step is bounded; a step that fails is a
 * failed check with its reason, and the steps after it that need it are not run.
 */
final class CallScenario {
    private static final Logger LOG = LoggerFactory.getLogger(CallScenario.class);
    /** How long to wait for the AGWs' relays when the call did not set up. */
    static final Duration NO_CALL_RELAY_WAIT = Duration.ofSeconds(3);

    private final LabTopology t;
    private final ScenarioId id;
    private final LabOptions options;
    private final Path workDir;
    private final Consumer<String> progress;
    private final List<Check> checks = new ArrayList<>();
    private final List<FileDigest> files = new ArrayList<>();
    private final BlockingQueue<String> textsAtA = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> textsAtB = new LinkedBlockingQueue<>();
    private final CompletableFuture<ReceivedFile> fileAtB = new CompletableFuture<>();
    private UeCall callA;
    private UeCall callB;
    private final List<RelayStats> relays = new ArrayList<>();
    /** The AGW context of the call at AGW-A and AGW-B, from the P-CSCFs' session views (-1: unknown). */
    private final long[] contextIds = {-1, -1};

    CallScenario(LabTopology t, ScenarioId id, LabOptions options, Path workDir, Consumer<String> progress) {
        this.t = t;
        this.id = id;
        this.options = options;
        this.workDir = workDir;
        this.progress = progress;
    }

    ScenarioReport run() throws InterruptedException {
        long t0 = System.nanoTime();
        t.relaysA.clear();
        t.relaysB.clear();
        UeEnd a = null;
        UeEnd b = null;
        RelayStats exchangeA = null;
        RelayStats exchangeB = null;
        if (call()) {
            decisions();
            boolean exchanged = chat("UE-A", callA, "UE-B", textsAtB, "Hello bob, alice here (" + id.token() + ")");
            exchanged &= chat("UE-B", callB, "UE-A", textsAtA, "Hello alice, bob here (" + id.token() + ")");
            if (options.fileSize() > 0) {
                exchanged &= file();
            }
            if (exchanged) {
                exchangeA = exchangeSnapshot("AGW-A", t.agwA, contextIds[0]);
                exchangeB = exchangeSnapshot("AGW-B", t.agwB, contextIds[1]);
            }
            a = ueEnd("UE-A", callA, t.ueA.fingerprint());
            b = ueEnd("UE-B", callB, t.ueB.fingerprint());
            hangup();
        }
        // a call that never set up may still have made relays (reserved, then failed): wait for them, but briefly
        Duration relayWait = callA != null ? options.stepTimeout()
                : options.stepTimeout().compareTo(NO_CALL_RELAY_WAIT) < 0 ? options.stepTimeout() : NO_CALL_RELAY_WAIT;
        RelayStats ra = closedRelay("AGW-A", t.relaysA, relayWait);
        RelayStats rb = closedRelay("AGW-B", t.relaysB, relayWait);
        for (RelayStats r : new RelayStats[] {ra, rb}) {
            if (r != null) {
                relays.add(r);
            }
        }
        CallEvidence evidence = new CallEvidence(a, b, ra, rb, exchangeA, exchangeB, options.fileSize());
        if (callA != null) {
            checks.addAll(id == ScenarioId.E2AE ? LegChecks.e2ae(evidence) : LegChecks.e2e(evidence));
        }
        return new ScenarioReport(id.title(options.fileSize()), id.flow(), Legs.of(evidence), files, checks,
                Duration.ofNanos(System.nanoTime() - t0));
    }

    /** The relays the AGWs closed for this scenario (after {@link #run()}). */
    List<RelayStats> relays() {
        return List.copyOf(relays);
    }

    /** UE-A calls UE-B; UE-B answers at once (auto-answer). */
    private boolean call() throws InterruptedException {
        String what = "UE-A called UE-B (" + id.mode() + "), MSRP session connected and verified at both UEs";
        CompletableFuture<UeCall> incoming = new CompletableFuture<>();
        t.ueB.listener(new UeListener() {
            @Override
            public void callEstablished(UeCall call) {
                incoming.complete(call);
            }

            @Override
            public void callFailed(String from, String reason) {
                incoming.completeExceptionally(new LabTopology.StepFailed("UE-B: the call from " + from + " failed: " + reason));
            }
        });
        progress.accept(id.token() + ": UE-A calls UE-B");
        try {
            callA = LabTopology.await(t.ueA.call(t.ueB.config().user(), id.mode()).toCompletableFuture(),
                    options.stepTimeout(), "UE-A's call to " + t.ueB.aor() + " was not set up");
            callB = LabTopology.await(incoming, options.stepTimeout(), "UE-B reported no established call");
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            checks.add(Check.failed(what, LabTopology.reason(e)));
            if (callA != null) {
                callA.hangup();
            }
            return false;
        }
        callA.addListener(new UeCallListener() {
            @Override
            public void textReceived(UeCall call, String text) {
                textsAtA.add(text);
            }
        });
        callB.addListener(new UeCallListener() {
            @Override
            public void textReceived(UeCall call, String text) {
                textsAtB.add(text);
            }

            @Override
            public void fileReceived(UeCall call, ReceivedFile file) {
                fileAtB.complete(file);
            }
        });
        boolean modes = callA.mode() == id.mode() && callB.mode() == id.mode();
        checks.add(Check.of(what, modes, "Call-ID " + callA.callId() + ", UE-A " + callA.mode() + ", UE-B " + callB.mode()));
        return true;
    }

    /** What each P-CSCF (IMS-ALG) decided for the MSRP stream, from its session view. */
    private void decisions() {
        StreamAction wantA = id == ScenarioId.E2AE ? StreamAction.E2AE : StreamAction.PASS_THROUGH;
        StreamAction wantB = id == ScenarioId.E2AE ? StreamAction.TERMINATING_UPGRADE : StreamAction.PASS_THROUGH;
        checks.add(decision("P-CSCF A", t.pcscfA, wantA, 0));
        checks.add(decision("P-CSCF B", t.pcscfB, wantB, 1));
    }

    private Check decision(String name, PcscfNode p, StreamAction want, int side) {
        String what = name + " anchored the MSRP stream at its AGW as " + want;
        Optional<SessionView> s = p.sessions().stream().filter(v -> v.callId().equals(callA.callId())).findFirst();
        if (s.isEmpty()) {
            return Check.failed(what, name + " holds no session with Call-ID " + callA.callId());
        }
        List<SessionView.Stream> msrp = s.get().streams().stream().filter(x -> x.media().equals("message")).toList();
        if (msrp.size() != 1) {
            return Check.failed(what, name + " has " + msrp.size() + " message streams in " + s.get());
        }
        SessionView.Stream st = msrp.get(0);
        contextIds[side] = st.contextId();
        return Check.of(what, st.action() == want && st.contextId() >= 0, st.action() + " in AGW context " + st.contextId()
                + " (" + st.reason() + ")");
    }

    /** One chat message and its 200; whether it held. */
    private boolean chat(String from, UeCall call, String to, BlockingQueue<String> inbox, String text) throws InterruptedException {
        String what = "chat " + from + " → " + to + " delivered";
        Check c;
        try {
            LabTopology.await(call.sendText(text).toCompletableFuture(), options.stepTimeout(), "no 200 for the SEND");
            String got = inbox.poll(options.stepTimeout().toMillis(), TimeUnit.MILLISECONDS);
            c = got == null ? Check.failed(what, to + " received nothing within " + options.stepTimeout().toSeconds() + " s")
                    : Check.of(what, got.equals(text), "\"" + got + "\"");
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            c = Check.failed(what, LabTopology.reason(e));
        }
        checks.add(c);
        return c.held();
    }

    /** UE-A sends the file: every chunk acknowledged at UE-A, the file saved at UE-B; whether it held. */
    private boolean file() throws InterruptedException {
        String what = "the file UE-A sent arrived at UE-B with the same size and SHA-256";
        int before = checks.size();
        try {
            Path f = workDir.resolve("lab-" + id.token() + "-file.bin");
            write(f, options.fileSize(), id.ordinal() + 1L);
            FileDigest original = FileDigest.of("the lab's file", f);
            progress.accept(id.token() + ": UE-A sends " + FileSize.text(options.fileSize()));
            long quarter = Math.max(1, options.fileSize() / 4);
            java.util.concurrent.atomic.AtomicLong nextReport = new java.util.concurrent.atomic.AtomicLong(quarter);
            FileProgressListener bar = (done, total) -> {
                long next = nextReport.get();
                if (done >= next && done < total && nextReport.compareAndSet(next, next + quarter)) {
                    progress.accept(id.token() + ": " + (100 * done / total) + " % written to the connection");
                }
            };
            SentFile sent = LabTopology.await(callA.sendFile(f, bar).toCompletableFuture(),
                    options.fileTimeout(), "UE-A's file transfer was not acknowledged");
            files.add(new FileDigest("UE-A sent", sent.size(), sent.sha256()));
            ReceivedFile got = LabTopology.await(fileAtB, options.stepTimeout(), "UE-B reported no received file");
            files.add(new FileDigest("UE-B received", got.size(), got.sha256()));
            boolean same = original.sha256().equals(sent.sha256()) && sent.sha256().equals(got.sha256())
                    && got.size() == options.fileSize() && sent.size() == options.fileSize();
            checks.add(Check.of(what, same, same ? String.format(java.util.Locale.ROOT, "%,d bytes, sha-256 %s", got.size(),
                    got.sha256()) : "written " + original.sha256() + ", sent " + sent.sha256() + " (" + sent.size()
                    + " B), received " + got.sha256() + " (" + got.size() + " B)"));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            checks.add(Check.failed(what, LabTopology.reason(e)));
        }
        return checks.size() == before + 1 && checks.get(before).held();
    }

    /** {@code size} pseudo-random octets (seeded: the same file every run). */
    static void write(Path f, long size, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] buf = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(f)) {
            for (long left = size; left > 0; ) {
                r.nextBytes(buf);
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    /**
     * The live statistics of the call's relay at {@code agw} once the media exchange is over, before
     * UE-A hangs up: the counts the leg checks compare (the final ones add the teardown, which races the
     * Subtracts: a TLS close_notify still crossing a leg when a relay is subtracted is dropped, as
     * Subtract does).
     *
     * <p>Why nothing is in flight here, so that these counts are the whole exchange at every AGW leg:
     * this runs only when every step of the exchange held, and a UE writes on its MSRP connection only
     * what those steps show, each acknowledged by the other UE.
     * <ul>
     * <li>UE-A's last write is the file's last chunk (without a file: its 200 to UE-B's chat SEND). UE-A's
     * {@code sendFile} completed, so UE-A read UE-B's 200 to every chunk (the message counts as sent
     * only when no transaction is open: RFC 4975 §7.1.1 with Failure-Report yes), and UE-B answers a
     * chunk only once it read it up to its end-line ({@code MessageReceiver.onSend} gets whole
     * requests). Without a file, UE-B's {@code sendText} completed: it read UE-A's 200.</li>
     * <li>UE-B's last write is its 200 to the last chunk (without a file: its chat SEND, answered by
     * UE-A's 200, so read by UE-A). The file goes with the RFC 4975 defaults (no Success-Report), so
     * no success REPORT follows; a failure REPORT would follow only if UE-B could not store the file,
     * and UE-B reported it saved ({@code fileReceived}) before this runs.</li>
     * <li>Each connection is one ordered byte stream through both AGWs (TCP, relayed in order), so the
     * other UE having read the last octet means it read every earlier one, TLS records the UE's stack
     * wrote by itself included (a TLS 1.3 NewSessionTicket precedes that stack's application data).
     * Neither UE writes again until the BYE: no keep-alive, and responses are not answered.</li>
     * <li>An AGW counts an octet read before forwarding it and an octet written before it enters the
     * socket (volatile counters, {@code Leg}/{@code WireCounter}), so an octet a UE read was counted
     * on every AGW leg it crossed. The only octets an AGW writes by itself are its own TLS records on an
     * e2ae access leg (handshake, session ticket: before the application data it relays there); the
     * checks compare the plaintext on those legs.</li>
     * </ul>
     * So every AGW counter is still until hang-up, and the snapshots of AGW-A and AGW-B, taken one after
     * the other, describe the same instant of the call.
     */
    private RelayStats exchangeSnapshot(String agw, AgwNode node, long context) {
        String relayId = "ctx" + context;
        RelayStats s = context < 0 ? null
                : node.contexts().relayStats().stream().filter(r -> r.id().equals(relayId)).findFirst().orElse(null);
        if (s == null) {
            LOG.warn("[lab] {} {}: no relay for context {} at the end of the media exchange", id.token(), agw, context);
            return null;
        }
        LOG.info("[lab] {} {} at the end of the exchange: access {} | core {}", id.token(), agw, s.access().summary(),
                s.core().summary());
        return s;
    }

    private void hangup() throws InterruptedException {
        String what = "UE-A hung up with BYE and UE-B's call ended by that BYE (not by its media failing)";
        try {
            CallEnd endA = LabTopology.await(callA.hangup().toCompletableFuture(), options.stepTimeout(), "BYE not answered");
            CallEnd endB = LabTopology.await(callB.ended().toCompletableFuture(), options.stepTimeout(), "UE-B's call did not end");
            checks.add(hangupCheck(what, endA, endB));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            checks.add(Check.failed(what, LabTopology.reason(e)));
        }
        released("P-CSCF A", "AGW-A", t.relaysA, contextIds[0]);
        released("P-CSCF B", "AGW-B", t.relaysB, contextIds[1]);
    }

    /** UE-A ended the call itself and UE-B learnt of it from the BYE, before its MSRP connection closed. */
    static Check hangupCheck(String what, CallEnd endA, CallEnd endB) {
        boolean held = endA.cause() == CallEnd.Cause.HUNG_UP && endB.cause() == CallEnd.Cause.BYE_RECEIVED;
        return Check.of(what, held, "UE-A: " + endA.reason() + "; UE-B: " + endB.reason());
    }

    /** The P-CSCF subtracted the call's context from its AGW after the BYE. */
    private void released(String pcscf, String agw, RelayLog log, long context) throws InterruptedException {
        String what = pcscf + " released the call's context at " + agw + " (H.248 Subtract)";
        if (context < 0) {
            checks.add(Check.failed(what, pcscf + "'s session view gave no AGW context for the call"));
            return;
        }
        boolean gone = log.awaitRemoved(context, options.stepTimeout());
        checks.add(Check.of(what, gone, gone ? "context " + context + " subtracted"
                : "context " + context + " still at " + agw + " " + options.stepTimeout().toSeconds() + " s after the BYE"));
    }

    private RelayStats closedRelay(String agw, RelayLog log, Duration wait) throws InterruptedException {
        String what = agw + " closed the call's relay after the call (one relay, its final statistics)";
        RelayStats s = log.next(wait);
        List<RelayStats> more = log.rest();
        if (s == null) {
            checks.add(Check.failed(what, agw + " closed no relay within " + wait.toSeconds() + " s"));
            return null;
        }
        checks.add(Check.of(what, more.isEmpty() && s.failure() == null, s.id()
                + (s.failure() == null ? "" : ", failure: " + s.failure())
                + (more.isEmpty() ? "" : ", and " + more.size() + " more relays closed during the scenario")));
        LOG.info("[lab] {} {}: access {} | core {}", id.token(), agw, s.access().summary(), s.core().summary());
        return s;
    }

    private static UeEnd ueEnd(String name, UeCall call, org.mediasec.common.CertificateFingerprint own) {
        Optional<TlsInfo> tls = call.tlsInfo();
        boolean applied = applied(call.remoteSdp());
        if (tls.isEmpty()) {
            return new UeEnd(name, own, applied, false, null, null, false, null, "?");
        }
        TlsInfo i = tls.get();
        return new UeEnd(name, own, applied, i.secure(), i.version().orElse(null), i.cipherSuite().orElse(null),
                i.peerVerified(), i.peerFingerprint().orElse(null), i.remoteAddress());
    }

    /** The received SDP's MSRP stream carries {@code a=3ge2ae:applied}. */
    static boolean applied(SessionDescription sdp) {
        if (sdp == null) {
            return false;
        }
        for (MediaDescription m : sdp.media()) {
            if (m.media().equals("message") && sdp.get(m, SdpAttributes.E2AE).map(E2aeIndication.APPLIED::equals).orElse(false)) {
                return true;
            }
        }
        return false;
    }
}
