package org.mediasec.h248.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.mediasec.h248.ActionRequest;
import org.mediasec.h248.AuditDescriptor;
import org.mediasec.h248.CommandKind;
import org.mediasec.h248.CommandRequest;
import org.mediasec.h248.ContextId;
import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.PackagesDescriptor;
import org.mediasec.h248.PackagesDescriptor.PackageRef;
import org.mediasec.h248.ServiceChangeDescriptor;
import org.mediasec.h248.ServiceChangeDescriptor.ServiceChangeProfile;
import org.mediasec.h248.ServiceChangeMethod;
import org.mediasec.h248.TerminationId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.h248.transaction.H248TransactionConfig;
import org.mediasec.h248.transaction.LossyNetwork;

/** The MG and MGC roles on a manual clock and the in-memory network. */
class H248RolesTest {
    static final InetSocketAddress MGC1 = new InetSocketAddress("127.0.0.1", 2944);
    static final InetSocketAddress MGC2 = new InetSocketAddress("127.0.0.2", 2944);
    static final InetSocketAddress MG = new InetSocketAddress("127.0.0.1", 2945);
    static final ServiceChangeProfile PROFILE = new ServiceChangeProfile("ResGW", 1);

    final LossyNetwork net = new LossyNetwork(7);
    final List<String> mgcEvents = new CopyOnWriteArrayList<>();
    final List<String> mgEvents = new CopyOnWriteArrayList<>();
    final List<MgHandle> registered = new CopyOnWriteArrayList<>();

    final class RecordingMgc implements MgcUser {
        final String name;

        RecordingMgc(String name) {
            this.name = name;
        }

        @Override
        public void mgRegistered(MgHandle mg) {
            registered.add(mg);
            mgcEvents.add(name + " registered v" + mg.version());
        }

        @Override
        public void mgLost(MgHandle mg, String reason) {
            mgcEvents.add(name + " lost: " + reason);
        }
    }

    class RecordingMg extends IqFixtures.AgwUser {
        @Override
        public void registered(InetSocketAddress mgc, int version) {
            mgEvents.add("registered " + mgc.getAddress().getHostAddress() + " v" + version);
        }

        @Override
        public void mgcLost(InetSocketAddress mgc, String reason) {
            mgEvents.add("lost " + mgc.getAddress().getHostAddress());
        }
    }

    H248MediaGatewayController mgc(InetSocketAddress at, MgcConfig config, MgcUser user) {
        return new H248MediaGatewayController(config, user, net.timers, Runnable::run, net.factory(at));
    }

    H248MediaGatewayController mgc(InetSocketAddress at, MgcConfig config) {
        return mgc(at, config, new RecordingMgc(at.getAddress().getHostAddress()));
    }

    static MgcConfig mgcConfig(String host) {
        return MgcConfig.of(new MId.Ip4(host, 2944));
    }

    MgConfig mgConfig() {
        return MgConfig.of(new MId.Ip4("127.0.0.1", 2945), MGC1).withProfile(PROFILE);
    }

    H248MediaGateway mg(MgConfig config, MgUser user) {
        H248MediaGateway mg = new H248MediaGateway(config, user, net.timers, Runnable::run, net.factory(MG));
        mg.start();
        return mg;
    }

    void advance(long millis) {
        net.timers.advance(Duration.ofMillis(millis));
    }

    List<Transaction> sent(InetSocketAddress from) {
        List<Transaction> out = new ArrayList<>();
        for (LossyNetwork.Sent s : net.sentBy(from)) {
            if (s.message().body() instanceof TransactionList tl) {
                out.addAll(tl.transactions());
            }
        }
        return out;
    }

    static ServiceChangeDescriptor serviceChangeOf(Transaction t) {
        if (t instanceof Transaction.Request r && !r.actions().get(0).commands().isEmpty()) {
            return r.actions().get(0).commands().get(0).descriptor(ServiceChangeDescriptor.class);
        }
        if (t instanceof Transaction.Reply r && r.error() == null) {
            return r.actions().get(0).replies().get(0).descriptor(ServiceChangeDescriptor.class);
        }
        return null;
    }

    @Test
    void mgRegistersWithColdBootProfileAndVersion() {
        H248MediaGatewayController mgc = mgc(MGC1, mgcConfig("127.0.0.1"));
        H248MediaGateway mg = mg(mgConfig(), new RecordingMg());
        advance(100);
        assertThat(mg.isRegistered()).isTrue();
        assertThat(mg.registered()).isCompletedWithValue(3);
        assertThat(mgEvents).containsExactly("registered 127.0.0.1 v3");
        assertThat(mgcEvents).containsExactly("127.0.0.1 registered v3");
        ServiceChangeDescriptor sc = serviceChangeOf(sent(MG).get(0));
        assertThat(sc.method()).isEqualTo(ServiceChangeMethod.RESTART);
        assertThat(sc.reason()).isEqualTo("901 MG Cold Boot");
        assertThat(sc.profile()).isEqualTo(PROFILE);
        assertThat(sc.version()).isEqualTo(3);
        // the MGC echoes the profile and, with nothing to lower, sends no Version
        ServiceChangeDescriptor answer = serviceChangeOf(sent(MGC1).get(0));
        assertThat(answer.profile()).isEqualTo(PROFILE);
        assertThat(answer.version()).isNull();
        assertThat(mgc.mgs()).extracting(MgHandle::mId).containsExactly(new MId.Ip4("127.0.0.1", 2945));
    }

    @Test
    void mgAdoptsTheLowerVersionOfTheMgc() throws Exception {
        mgc(MGC1, mgcConfig("127.0.0.1").withMaxVersion(1));
        H248MediaGateway mg = mg(mgConfig(), new RecordingMg());
        advance(100);
        assertThat(mg.version()).isEqualTo(1);
        assertThat(serviceChangeOf(sent(MGC1).get(0)).version()).isEqualTo(1);
        CompletableFuture<Transaction.Reply> notify = mg.call(IqFixtures.notify(ContextId.NULL, TerminationId.of("t1")));
        advance(100);
        assertThat(notify.get().error()).isNull();
        List<LossyNetwork.Sent> fromMg = net.sentBy(MG);
        assertThat(fromMg.get(fromMg.size() - 1).message().version()).isEqualTo(1);
        assertThat(registered.get(0).version()).isEqualTo(1);
    }

    @Test
    void mgcIdToTryInTheReplySendsTheMgToAnotherMgc() {
        mgc(MGC1, mgcConfig("127.0.0.1").withRedirectTo(new MId.Ip4("127.0.0.2", 2944)));
        mgc(MGC2, mgcConfig("127.0.0.2"));
        H248MediaGateway mg = mg(mgConfig(), new RecordingMg());
        advance(100);
        assertThat(mg.mgc()).isEqualTo(MGC2);
        assertThat(mgEvents).containsExactly("registered 127.0.0.2 v3");
        assertThat(mgcEvents).containsExactly("127.0.0.2 registered v3");
    }

    @Test
    void handOffFromTheMgcMovesTheMg() throws Exception {
        mgc(MGC1, mgcConfig("127.0.0.1"));
        mgc(MGC2, mgcConfig("127.0.0.2"));
        H248MediaGateway mg = mg(mgConfig(), new RecordingMg());
        advance(100);
        CompletableFuture<Transaction.Reply> handOff = registered.get(0).handOff(new MId.Ip4("127.0.0.2", 2944));
        advance(100);
        assertThat(handOff.get().error()).isNull();
        assertThat(mg.mgc()).isEqualTo(MGC2);
        assertThat(mgcEvents).hasSize(3);
        assertThat(mgcEvents.get(0)).isEqualTo("127.0.0.1 registered v3");
        assertThat(mgcEvents.get(1)).startsWith("127.0.0.1 lost: handed off to ").contains("127.0.0.2");
        assertThat(mgcEvents.get(2)).isEqualTo("127.0.0.2 registered v3");
        ServiceChangeDescriptor second = net.log.stream().filter(s -> s.to().equals(MGC2))
                .map(s -> serviceChangeOf(((TransactionList) s.message().body()).transactions().get(0)))
                .findFirst().orElseThrow();
        assertThat(second.method()).isEqualTo(ServiceChangeMethod.HANDOFF);
        assertThat(second.reason()).isEqualTo("903 MGC Directed Change");
    }

    @Test
    void rootAuditIsAnsweredByTheMgStack() throws Exception {
        mgc(MGC1, mgcConfig("127.0.0.1"));
        RecordingMg user = new RecordingMg();
        mg(mgConfig().withPackages(List.of(new PackageRef("nt", 1), new PackageRef("rtp", 1))), user);
        advance(100);
        CompletableFuture<Transaction.Reply> audit = registered.get(0).call(ActionRequest.of(ContextId.NULL,
                CommandRequest.of(CommandKind.AUDIT_VALUE, TerminationId.ROOT, AuditDescriptor.of())));
        advance(100);
        assertThat(IqFixtures.firstCommand(audit.get()).descriptor(PackagesDescriptor.class).packages())
                .containsExactly(new PackageRef("nt", 1), new PackageRef("rtp", 1));
        assertThat(user.handled).isEmpty();
    }

    @Test
    void heartbeatDetectsALostMg() {
        mgc(MGC1, mgcConfig("127.0.0.1").withHeartbeat(Duration.ofSeconds(10)));
        mg(mgConfig(), new RecordingMg());
        advance(60_000);     // audits every 10 s of silence, all answered
        assertThat(mgcEvents).containsExactly("127.0.0.1 registered v3");
        long audits = sent(MGC1).stream().filter(t -> t instanceof Transaction.Request).count();
        assertThat(audits).isGreaterThanOrEqualTo(5);
        net.dropIf = s -> s.to().equals(MG);     // the MG goes silent
        advance(10_000 + 19_000 + 100);           // next audit, then 5 retransmissions and 4 s
        assertThat(mgcEvents).hasSize(2);
        assertThat(mgcEvents.get(1)).startsWith("127.0.0.1 lost: ").contains("timed out");
        assertThat(registered.get(0).isAlive()).isFalse();
    }

    @Test
    void mgProbesASilentMgcAndRegistersAgainWhenItIsLost() {
        mgc(MGC1, mgcConfig("127.0.0.1"));
        H248MediaGateway mg = mg(mgConfig().withInactivityTimeout(Duration.ofSeconds(10))
                .withRegistrationRetry(Duration.ofSeconds(5)), new RecordingMg());
        advance(100);
        advance(25_000);
        // two probes (Notify it/ito on ROOT), both answered: still registered
        long probes = sent(MG).stream().filter(t -> t instanceof Transaction.Request r
                && r.actions().get(0).commands().get(0).kind() == CommandKind.NOTIFY).count();
        assertThat(probes).isEqualTo(2);
        assertThat(mg.isRegistered()).isTrue();
        net.dropIf = s -> s.to().equals(MGC1);
        advance(10_000 + 19_000 + 100);
        assertThat(mgEvents).containsExactly("registered 127.0.0.1 v3", "lost 127.0.0.1");
        net.dropIf = s -> false;
        advance(60_000);
        assertThat(mg.isRegistered()).isTrue();
        assertThat(mgEvents).last().isEqualTo("registered 127.0.0.1 v3");
        ServiceChangeDescriptor again = serviceChangeOf(net.log.stream().filter(s -> s.from().equals(MG) && !s.dropped())
                .map(s -> ((TransactionList) s.message().body()).transactions().get(0))
                .filter(t -> serviceChangeOf(t) != null).reduce((a, b) -> b).orElseThrow());
        assertThat(again.method()).isEqualTo(ServiceChangeMethod.DISCONNECTED);
        assertThat(again.reason()).isEqualTo("900 Service Restored");
    }

    @Test
    void throwingMgUserGets500AndTheMgKeepsServing() throws Exception {
        mgc(MGC1, mgcConfig("127.0.0.1"));
        int[] calls = {0};
        mg(mgConfig(), new RecordingMg() {
            @Override
            public synchronized H248Reply handleTransactionRequest(H248Request request) {
                if (calls[0]++ == 0) {
                    throw new IllegalStateException("application bug");
                }
                return super.handleTransactionRequest(request);
            }
        });
        advance(100);
        CompletableFuture<Transaction.Reply> first = registered.get(0).call(IqFixtures.add());
        advance(100);
        assertThat(first.get().error().code()).isEqualTo(ErrorCode.INTERNAL_SOFTWARE_FAILURE);
        CompletableFuture<Transaction.Reply> second = registered.get(0).call(IqFixtures.add());
        advance(100);
        assertThat(IqFixtures.firstCommand(second.get()).terminationId().text()).isEqualTo("msrp/1");
    }

    @Test
    void slowMgUserIsCoveredByPendings() throws Exception {
        mgc(MGC1, mgcConfig("127.0.0.1"));
        CompletableFuture<H248Reply> later = new CompletableFuture<>();
        RecordingMg agw = new RecordingMg();
        mg(mgConfig(), request -> H248Reply.later(later.thenApply(x -> agw.handleTransactionRequest(request))));
        advance(100);
        CompletableFuture<Transaction.Reply> add = registered.get(0).call(IqFixtures.add());
        advance(2_000);
        assertThat(add).isNotDone();
        // the request arrives after 10 ms: pendings at 510, 1010 and 1510 ms
        assertThat(sent(MG).stream().filter(t -> t instanceof Transaction.Pending).count()).isEqualTo(3);
        assertThat(sent(MGC1).stream().filter(t -> t instanceof Transaction.Request).count())
                .as("no repetition after a pending").isEqualTo(1);
        later.complete(null);
        advance(100);
        assertThat(IqFixtures.firstCommand(add.get()).terminationId().text()).isEqualTo("msrp/1");
    }

    @Test
    void requestFromAnUnregisteredMgIsRefused() throws Exception {
        mgc(MGC1, mgcConfig("127.0.0.1"));
        String text = "!/3 [127.0.0.1]:2945\nT=5{C=-{N=t1{OE=1{al/on}}}}";
        net.inject(MG, MGC1, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        H248Message answer = net.sentBy(MGC1).get(0).message();
        Transaction.Reply r = (Transaction.Reply) ((TransactionList) answer.body()).transactions().get(0);
        assertThat(r.error().code()).isEqualTo(ErrorCode.UNAUTHORIZED_ENTITY);
    }

    @Test
    void closingTheMgFailsWhatIsOutstandingAndStopsRegistering() {
        H248MediaGateway mg = mg(mgConfig(), new RecordingMg());
        CompletableFuture<Transaction.Reply> notify = mg.call(IqFixtures.notify(ContextId.NULL, TerminationId.ROOT));
        advance(500);
        mg.close();
        assertThat(notify).isCompletedExceptionally();
        int sent = net.log.size();
        advance(120_000);
        assertThat(net.log).hasSize(sent);     // no retransmission, no new registration
        assertThat(net.timers.pending()).isZero();
    }

    @Test
    void mgRetriesRegistrationUntilTheMgcAnswers() {
        H248MediaGateway mg = mg(mgConfig().withTransactions(H248TransactionConfig.DEFAULT), new RecordingMg());
        advance(30_000);       // no MGC yet: the ServiceChange times out after 19 s
        assertThat(mgEvents).containsExactly("lost 127.0.0.1");
        mgc(MGC1, mgcConfig("127.0.0.1"));
        advance(30_000);
        assertThat(mg.isRegistered()).isTrue();
    }
}
