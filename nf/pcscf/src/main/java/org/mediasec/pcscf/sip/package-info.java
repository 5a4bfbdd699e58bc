/**
 * The P-CSCF's SIP side on a {@link org.mediasec.sip.proxy.StatefulProxy}: routing between UEs and the core
 * ({@link org.mediasec.pcscf.sip.PcscfSip}), REGISTER with Path and Security-Client/-Server, the
 * Security-Verify check (RFC 3329, TS 24.229 §7.2A.7), and the IMS-ALG session control that holds each SDP
 * answer until the IMS-AGW is configured for it and releases every context when the session ends.
 */
package org.mediasec.pcscf.sip;
