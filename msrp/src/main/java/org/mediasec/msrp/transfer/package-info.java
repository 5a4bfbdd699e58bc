/**
 * File transfer over MSRP (RFC 5547 at the MSRP level): a file sent from disk chunk by chunk with the
 * Content-Type of its {@code a=file-selector}, received into a file, checked against the selector's
 * size and SHA-1 hash, and {@code a=file-range} for sending and storing only part of a file (resume).
 */
package org.mediasec.msrp.transfer;
