package org.mediasec.agw.context;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendFailure;

/** What one peer's MSRP session saw. */
final class Seen implements MsrpSessionListener {
    final BlockingQueue<ReceivedMessage> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    final BlockingQueue<SendFailure> failures = new LinkedBlockingQueue<>();
    final CompletableFuture<String> sessionFailed = new CompletableFuture<>();

    @Override
    public void messageReceived(ReceivedMessage message) {
        messages.add(message);
    }

    @Override
    public void messageSent(String messageId) {
        sent.add(messageId);
    }

    @Override
    public void sendFailed(SendFailure failure) {
        failures.add(failure);
    }

    @Override
    public void sessionFailed(String reason) {
        sessionFailed.complete(reason);
    }
}
