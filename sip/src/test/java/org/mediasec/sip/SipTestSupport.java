package org.mediasec.sip;

import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/** Helpers for the SIP endpoint tests: request building and the thread-leak check. */
final class SipTestSupport {
    /** Generous bound for loopback round trips on a loaded 2-core CI machine. */
    static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("mediasec.sip.timeoutSeconds", 10));

    private SipTestSupport() {
    }

    /** A REGISTER from {@code client} to {@code server} over {@code transport}, without security headers. */
    static Request register(SipEndpoint client, SipEndpoint server, SipTransport transport) {
        try {
            var af = client.addressFactory();
            var hf = client.headerFactory();
            SipURI requestUri = af.createSipURI(null, server.host() + ":" + server.port());
            requestUri.setTransportParam(transport.jainSipName());
            Address aor = af.createAddress(af.createSipURI("alice", "ims.example.net"));
            FromHeader from = hf.createFromHeader(aor, "t" + System.nanoTime());
            ToHeader to = hf.createToHeader(aor, null);
            CallIdHeader callId = client.provider().getNewCallId();
            CSeqHeader cseq = hf.createCSeqHeader(1L, Request.REGISTER);
            MaxForwardsHeader maxForwards = hf.createMaxForwardsHeader(70);
            List<ViaHeader> via = new ArrayList<>(List.of(client.newVia(transport)));
            Request r = client.messageFactory().createRequest(requestUri, Request.REGISTER, callId, cseq, from, to, via, maxForwards);
            SipURI contactUri = af.createSipURI("alice", client.host() + ":" + client.port());
            contactUri.setTransportParam(transport.jainSipName());
            ContactHeader contact = hf.createContactHeader(af.createAddress(contactUri));
            r.addHeader(contact);
            r.addHeader(hf.createHeader("Require", "sec-agree"));
            r.addHeader(hf.createHeader("Proxy-Require", "sec-agree"));
            return r;
        } catch (ParseException | InvalidArgumentException e) {
            throw new AssertionError(e);
        }
    }

    static Set<Thread> threads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /**
     * Names of threads started after {@code before} that are still alive after waiting up to
     * {@code timeout} for each to end (join, no sleeping). The JDK's own daemon threads that linger
     * by design (common ForkJoinPool workers, the process reaper of ProcessBuilder) are not counted.
     */
    static List<String> survivors(Set<Thread> before, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> alive = new ArrayList<>();
        for (Thread t : threads()) {
            if (before.contains(t) || t == Thread.currentThread()
                    || (t.isDaemon() && (t.getName().startsWith("ForkJoinPool") || t.getName().equals("process reaper")))) {
                continue;
            }
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            t.join(left);
            if (t.isAlive()) {
                StackTraceElement[] st = t.getStackTrace();
                alive.add(t.getName() + (t.isDaemon() ? " (daemon)" : "") + " at "
                        + java.util.Arrays.stream(st).limit(8).map(String::valueOf).collect(java.util.stream.Collectors.joining(" < ")));
            }
        }
        return alive;
    }

    static Set<Thread> copy(Set<Thread> s) {
        return new HashSet<>(s);
    }
}
