/**
 * Certificates, RFC 8122 fingerprints, fingerprint-pinned trust and Netty TLS contexts for the
 * media-plane TLS of mediasec (e2ae MSRP and BFCP over TLS).
 *
 * <ul>
 *   <li>{@link org.mediasec.tls.LocalIdentity}: our certificate chain and key, self-signed ECDSA P-256
 *       or loaded from PEM; its {@code fingerprint(hash)} is the {@code a=fingerprint} value we put in
 *       SDP.</li>
 *   <li>{@link org.mediasec.tls.FingerprintTrustManager}: trusts a peer if and only if its end-entity
 *       certificate matches a fingerprint from the peer's SDP; fails closed; reports to a
 *       {@link org.mediasec.tls.PinningListener} (e.g. {@link org.mediasec.tls.PinningCounters}) and
 *       logs one WARN line per refusal.</li>
 *   <li>{@link org.mediasec.tls.TlsContexts}: Netty {@code SslContext}s for mutual TLS 1.2/1.3 with
 *       pinning, on BoringSSL ({@link org.mediasec.tls.TlsProvider#OPENSSL}, netty-tcnative) or the
 *       JDK, configured by {@link org.mediasec.tls.TlsOptions}.
 *       {@link org.mediasec.tls.TlsProviders#describe()} says which one is in use.</li>
 *   <li>{@link org.mediasec.tls.KeyLog} / {@link org.mediasec.tls.FileKeyLog}: the NSS key log
 *       ({@code SSLKEYLOGFILE} format) so tshark can decrypt captures
 *       ({@code tshark -r f.pcapng -d tcp.port==N,tls -o tls.keylog_file:keylog.txt}).</li>
 * </ul>
 *
 * <h2>Key logging needs BoringSSL</h2>
 * Netty 4.2.18 has no public key-log option. On {@code OPENSSL} the contexts install netty-tcnative's
 * {@code SSLContext.setKeyLogCallback} (BoringSSL's {@code SSL_CTX_set_keylog_callback}), which gives
 * every line for TLS 1.2 ({@code CLIENT_RANDOM}) and TLS 1.3 ({@code *_TRAFFIC_SECRET_*}). The JDK's
 * SunJSSE exports no secrets (JDK 17 has no key-log hook); Netty's {@code SslMasterKeyHandler} reads
 * the TLS 1.2 master secret by reflection into {@code sun.security.ssl} only, needs
 * {@code --add-opens} and cannot do TLS 1.3, so mediasec does not use it. Asking for a key log on the
 * {@code JDK} provider is therefore an {@link java.lang.IllegalArgumentException} at context build
 * time, never a silent no-op.
 *
 * <h2>Threads</h2>
 * Trust-manager checks, listener calls and key-log writes run on the Netty event loop doing the
 * handshake; they are quick (a digest, an append). Contexts are immutable and shared freely; build
 * one per pin set (per SDP offer/answer), since the pins are part of the context.
 */
package org.mediasec.tls;
