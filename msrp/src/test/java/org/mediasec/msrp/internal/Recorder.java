package org.mediasec.msrp.internal;

import java.util.ArrayList;
import java.util.List;

import org.mediasec.msrp.session.MsrpReport;
import org.mediasec.msrp.session.MsrpSession;
import org.mediasec.msrp.session.MsrpSessionListener;
import org.mediasec.msrp.session.ReceivedMessage;
import org.mediasec.msrp.session.SendFailure;

/** Records every listener event, for assertions. */
final class Recorder implements MsrpSessionListener {
    final List<String> events = new ArrayList<>();
    final List<ReceivedMessage> received = new ArrayList<>();
    final List<MsrpReport> reports = new ArrayList<>();
    final List<SendFailure> failures = new ArrayList<>();
    final List<String> sent = new ArrayList<>();
    final List<String> aborted = new ArrayList<>();
    final List<long[]> progress = new ArrayList<>();
    int connected;
    String sessionFailure;

    @Override public void connected(MsrpSession session) { connected++; events.add("connected"); }
    @Override public void messageReceived(ReceivedMessage m) { received.add(m); events.add("received " + m.messageId()); }
    @Override public void progress(String id, boolean sending, long done, long total) { progress.add(new long[] {sending ? 1 : 0, done, total}); }
    @Override public void messageSent(String id) { sent.add(id); events.add("sent " + id); }
    @Override public void reportReceived(MsrpReport r) { reports.add(r); events.add("report " + r.status().code()); }
    @Override public void sendFailed(SendFailure f) { failures.add(f); events.add("failed " + f.status().code()); }
    @Override public void messageAborted(String id) { aborted.add(id); events.add("aborted " + id); }
    @Override public void sessionFailed(String reason) { sessionFailure = reason; events.add("session failed"); }
}
