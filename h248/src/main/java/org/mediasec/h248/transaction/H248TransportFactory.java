package org.mediasec.h248.transaction;

/**
 * Opens a transport that delivers to {@code receiver}: the seam where UDP, TCP/TPKT (and later
 * SCTP) plug in under the MG and MGC roles.
 */
@FunctionalInterface
public interface H248TransportFactory {
    H248Transport open(H248Receiver receiver);
}
