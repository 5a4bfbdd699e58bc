package org.mediasec.sip.internal;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.EventObject;
import java.util.concurrent.locks.LockSupport;

import javax.sip.ListeningPoint;
import javax.sip.SipProvider;

import gov.nist.javax.sip.EventScanner;
import gov.nist.javax.sip.EventWrapper;
import gov.nist.javax.sip.ListeningPointImpl;
import gov.nist.javax.sip.stack.UDPMessageProcessor;

/**
 * Work-arounds for JAIN-SIP RI 1.3.0-91 lifecycle bugs, each found by a test of this module.
 * Kept in one place so they can be dropped together when the RI is replaced.
 */
public final class JainSipQuirks {
    private JainSipQuirks() {
    }

    /**
     * Ends the RI's non-daemon {@code EventScannerThread} after {@code SipStack.stop()}.
     * {@code stop()} calls {@code EventScanner.forceStop()}, which sets a flag but leaves the thread
     * blocked in {@code BlockingQueue.take()}; one inert event wakes it, it sees the flag and returns.
     * The scanner must be fetched before {@code stop()}, which drops the stack's reference to it.
     */
    public static void wakeStoppedEventScanner(EventScanner scanner, SipProvider provider) {
        if (scanner != null) {
            // The scanner casts every event source to SipProviderImpl; with our provider as source and
            // its listener already removed, the inert event is dropped quietly. Without a provider (a
            // start that failed before creating one) the scanner logs a ClassCastException, then ends.
            scanner.addEvent(new EventWrapper(new EventObject(provider != null ? provider : scanner), null));
        }
    }

    /**
     * Waits until every UDP message processor has entered its receive loop. The RI creates the
     * processor's channel list and its worker channels at the start of the processor thread's
     * {@code run()}; a {@code stop()} that comes earlier dies on the list (NullPointerException, or
     * ConcurrentModificationException while it is being filled, in {@code UDPMessageProcessor.stop}),
     * or closes only the channels created so far, leaving the socket bound or workers blocked forever. The RI offers no readiness signal, so
     * this polls the list (by reflection), bounded.
     *
     * @return false if a processor did not get ready within {@code timeout}
     */
    public static boolean awaitUdpProcessorsStarted(Collection<ListeningPoint> listeningPoints, int threadPoolSize,
                                                    Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ListeningPoint lp : listeningPoints) {
            if (!(lp instanceof ListeningPointImpl impl) || !(impl.getMessageProcessor() instanceof UDPMessageProcessor udp)) {
                continue;
            }
            while (!allChannelsCreated(udp, threadPoolSize)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                LockSupport.parkNanos(100_000L);
            }
        }
        return true;
    }

    /**
     * True once {@code run()} has created the list and filled it with one channel per pool thread
     * (the stack's THREAD_POOL_SIZE; the processor's own {@code threadPoolSize} field is never set).
     */
    private static boolean allChannelsCreated(UDPMessageProcessor udp, int threadPoolSize) {
        try {
            Field list = UDPMessageProcessor.class.getDeclaredField("messageChannels");
            list.setAccessible(true);
            Object channels = list.get(udp);
            return channels instanceof Collection<?> c && c.size() >= threadPoolSize;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a different RI build: nothing to wait for that we know of
            return true;
        }
    }
}
