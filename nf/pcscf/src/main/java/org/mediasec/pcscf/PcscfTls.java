package org.mediasec.pcscf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumSet;

import org.mediasec.pcscf.config.PcscfConfig;
import org.mediasec.sip.SipTlsConfig;
import org.mediasec.sip.SipTlsTrust;
import org.mediasec.tls.LocalIdentity;
import org.mediasec.tls.TlsVersion;

/** SIP over TLS of the P-CSCF from its configuration ({@code sip.tls}): certificate, trust, port. */
final class PcscfTls {
    private PcscfTls() {
    }

    /** The configured certificate, or a self-signed one made now when none is configured. */
    static LocalIdentity identity(PcscfConfig.Sip s) {
        PcscfConfig.Tls t = s.tls();
        if (t.certFile() == null) {
            return LocalIdentity.selfSigned("pcscf " + s.host() + ":" + s.port());
        }
        try {
            return LocalIdentity.loadPem(Path.of(t.certFile()), Path.of(t.keyFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("sip.tls: cannot read " + t.certFile() + " / " + t.keyFile() + ": " + e.getMessage(), e);
        }
    }

    /**
     * TLS on {@code sip.port} (over TCP, beside UDP on the same number), peers pinned to
     * {@code sip.tls.trusted-fingerprints}: never any certificate.
     */
    static SipTlsConfig config(PcscfConfig.Sip s, LocalIdentity identity) {
        PcscfConfig.Tls t = s.tls();
        return new SipTlsConfig(identity, SipTlsTrust.pinned(t.fingerprints()), s.port(),
                SipTlsConfig.ClientAuth.valueOf(t.clientAuth().toUpperCase(java.util.Locale.ROOT)),
                EnumSet.allOf(TlsVersion.class), t.handshakeTimeout());
    }
}
