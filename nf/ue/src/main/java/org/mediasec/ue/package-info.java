/**
 * The IMS user agent of {@code mediasec ue}: registration with the TS 24.229 media-plane sec-agree
 * mechanisms, calls with one MSRP stream over TLS secured end to access edge or end to end, chat and
 * file transfer. Entry point: {@link org.mediasec.ue.Ue}.
 */
package org.mediasec.ue;
