package org.mediasec.h248.iq;

import java.util.Objects;

import org.mediasec.common.Bytes;

/**
 * The TS 23.333 "Pre-Shared Key" information element (Mp): "the derived PSK i.e. the
 * Traffic-Encrypting Key associated with the Crypto Session that will be used by the MRFP in TLS
 * handshake" (TS 23.333 §6.2.19), with the PSK identity the MRFP expects in the ClientKeyExchange
 * (RFC 4279 §2). No SDP attribute carries a raw PSK; the H.248 coding is a pair of LocalControl
 * properties whose names come from configuration ({@link IqProfile#pskKeyProperty()}), PROPOSAL
 * specs.md §5.6.4. {@link #toString()} never shows the key.
 *
 * @param key      the PSK (not empty)
 * @param identity the PSK identity (not empty)
 */
public record TlsPsk(Bytes key, Bytes identity) {
    public TlsPsk {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(identity, "identity");
        if (key.size() == 0) {
            throw new IllegalArgumentException("key: empty");
        }
        if (identity.size() == 0) {
            throw new IllegalArgumentException("identity: empty");
        }
    }

    @Override
    public String toString() {
        return "TlsPsk[key=<" + key.size() + " bytes redacted>, identity=" + identity.hex() + "]";
    }
}
