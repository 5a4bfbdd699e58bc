/**
 * The IMS UE: registers with {@code Security-Client: msrp-tls;mediasec, ...}, calls another user and opens MSRP
 * sessions secured end to access edge (e2ae, TLS to the IMS-AGW) or end to end (TLS to the other UE), sends
 * and receives chat messages and files.
 */
package org.mediasec.ue;
