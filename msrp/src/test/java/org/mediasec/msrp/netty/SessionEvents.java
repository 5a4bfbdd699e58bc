package org.mediasec.msrp.netty;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.mediasec.msrp.session.MsrpReport;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendFailure;

/** A listener that hands events to the test thread through queues and futures (no sleeps). */
final class SessionEvents implements MsrpSessionListener {
    static final long TIMEOUT_SECONDS = Long.getLong("mediasec.test.timeout", 30);

    final BlockingQueue<ReceivedMessage> received = new LinkedBlockingQueue<>();
    final BlockingQueue<MsrpReport> reports = new LinkedBlockingQueue<>();
    final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    final BlockingQueue<SendFailure> failures = new LinkedBlockingQueue<>();
    final CompletableFuture<String> sessionFailed = new CompletableFuture<>();

    @Override public void messageReceived(ReceivedMessage m) { received.add(m); }
    @Override public void reportReceived(MsrpReport r) { reports.add(r); }
    @Override public void messageSent(String id) { sent.add(id); }
    @Override public void sendFailed(SendFailure f) { failures.add(f); }
    @Override public void sessionFailed(String reason) { sessionFailed.complete(reason); }

    ReceivedMessage nextMessage() throws InterruptedException {
        ReceivedMessage m = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + TIMEOUT_SECONDS + " s");
        }
        return m;
    }

    String nextSent() throws InterruptedException {
        String m = sent.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (m == null) {
            throw new AssertionError("no messageSent within " + TIMEOUT_SECONDS + " s");
        }
        return m;
    }
}
