/**
 * SDP (RFC 8866) for mediasec: a lossless model ({@link org.mediasec.sdp.SessionDescription},
 * {@link org.mediasec.sdp.MediaDescription}, {@link org.mediasec.sdp.SdpLine}), the
 * {@link org.mediasec.sdp.SdpParser} (strict, and lenient for H.248 Local/Remote descriptors) and
 * {@link org.mediasec.sdp.SdpWriter}, and typed views of the media-security attributes in
 * {@link org.mediasec.sdp.SdpAttributes} (fingerprint, setup, connection, tls-id, 3ge2ae, MSRP,
 * RFC 5547 file transfer, BFCP, T.38, key-mgmt, label) over generic {@link org.mediasec.sdp.Attribute}s.
 *
 * <p>Reading a typed attribute never changes the description: a malformed value throws
 * {@link org.mediasec.sdp.SdpAttributeException} on read, and the description still writes back
 * byte-exact. Parsing never throws anything but {@link org.mediasec.sdp.SdpParseException}.
 */
package org.mediasec.sdp;
