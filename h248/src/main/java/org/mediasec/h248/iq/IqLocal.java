package org.mediasec.h248.iq;

import java.util.List;
import java.util.Objects;

import org.mediasec.common.CertificateFingerprint;
import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;
import org.mediasec.sdp.TlsId;

/**
 * What the MG reports in the Local descriptor of its Add/Modify reply: the address and port it chose
 * ("Local Connection Address", TS 23.334) and, where asked, its "Local certificate fingerprint"
 * ({@code a=fingerprint:<hash> <HEX>}, one or more lines). The MGC copies the fingerprint lines into the
 * SDP toward the UE (TS 23.334 §6.2.10).
 *
 * @param media        {@code m=} media, as requested
 * @param proto        {@code m=} proto, as requested
 * @param formats      {@code m=} formats, as requested
 * @param endpoint     the chosen address and port (never {@code $})
 * @param setup        the MG's role, as requested (null for UDP)
 * @param fingerprints the MG's certificate fingerprints (empty on plain terminations)
 * @param tlsId        the {@code a=tls-id} of the MG's side, as requested, or null
 */
public record IqLocal(String media, Proto proto, List<String> formats, MediaEndpoint endpoint, Setup setup,
                      List<CertificateFingerprint> fingerprints, TlsId tlsId) {
    public IqLocal {
        Objects.requireNonNull(proto, "proto");
        formats = List.copyOf(formats);
        Rules.media(media, formats);
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.isChoose()) {
            throw new IllegalArgumentException("endpoint: " + endpoint + " (the reply carries what the MG chose, not $)");
        }
        fingerprints = List.copyOf(fingerprints);
    }

    /**
     * The reply's Local for a request: media, proto, formats, setup and tls-id copied from it, the
     * chosen endpoint and the MG's fingerprints added.
     *
     * @throws IllegalArgumentException when the request asked for a fingerprint and none is given
     */
    public static IqLocal answer(IqTermination request, MediaEndpoint chosen, List<CertificateFingerprint> fingerprints) {
        TlsId tlsId = null;
        if (request instanceof TlsTermination tls) {
            if (tls.requestLocalFingerprint() && fingerprints.isEmpty()) {
                throw new IllegalArgumentException("fingerprints: the request asked for the local certificate fingerprint");
            }
            tlsId = tls.localTlsId();
        } else if (!fingerprints.isEmpty()) {
            throw new IllegalArgumentException("fingerprints: a plain termination has no certificate");
        }
        return new IqLocal(request.media(), request.proto(), request.formats(), chosen, request.setup(), fingerprints,
                tlsId);
    }
}
