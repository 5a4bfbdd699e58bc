package org.mediasec.sip.internal;

import java.util.List;

/**
 * The cipher suites SIP over TLS offers and accepts: TLS 1.3's AEAD suites and TLS 1.2's ECDHE
 * suites with AES-GCM or ChaCha20-Poly1305, all of which SunJSSE in Java 17 has. Neither RSA key
 * exchange, CBC, 3DES nor anonymous suites (the JAIN-SIP RI's default list has all of them).
 */
public final class SipTlsSuites {
    public static final List<String> SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private SipTlsSuites() {
    }
}
