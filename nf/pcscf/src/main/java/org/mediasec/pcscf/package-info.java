/**
 * The P-CSCF / IMS-ALG network function: {@link org.mediasec.pcscf.PcscfNode} starts the SIP proxy and the
 * H.248 MGC from a {@link org.mediasec.pcscf.config.PcscfConfig}; {@link org.mediasec.pcscf.SessionView} is the
 * read-only picture of the sessions it anchors.
 */
package org.mediasec.pcscf;
