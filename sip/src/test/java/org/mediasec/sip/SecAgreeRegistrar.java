package org.mediasec.sip;

import static org.mediasec.sip.secagree.MediaSecMechanism.BFCP_TLS;
import static org.mediasec.sip.secagree.MediaSecMechanism.MSRP_TLS;

import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

import javax.sip.message.Response;

import org.mediasec.sip.secagree.MediaSecCapabilities;
import org.mediasec.sip.secagree.SecurityHeaderDecodeResult;
import org.mediasec.sip.secagree.SecurityHeaderKind;

/**
 * The P-CSCF side of the media-plane sec-agree exchange, as small as a test needs: reads
 * Security-Client, answers 400 if it is malformed, else 200 with a Security-Server listing what
 * both sides support (msrp-tls and bfcp-tls here) with {@code ;q=0.5}.
 */
final class SecAgreeRegistrar implements SipEndpointListener {
    final CompletableFuture<SecurityHeaderDecodeResult> received = new CompletableFuture<>();
    final CompletableFuture<IncomingRequest> request = new CompletableFuture<>();
    final MediaSecCapabilities supported = MediaSecCapabilities.of(MSRP_TLS, BFCP_TLS);

    @Override
    public void onRequest(IncomingRequest in) {
        SecurityHeaderDecodeResult client = SipSecurityHeaders.read(in.request(), SecurityHeaderKind.CLIENT);
        request.complete(in);
        received.complete(client);
        if (client.isMalformed()) {
            in.respond(Response.BAD_REQUEST);
            return;
        }
        MediaSecCapabilities both = MediaSecCapabilities.from(client.mechanisms()).intersect(supported);
        Response ok = in.createResponse(Response.OK);
        if (!both.isEmpty()) {
            SipSecurityHeaders.add(ok, both.toSecurityHeader(SecurityHeaderKind.SERVER, OptionalDouble.of(0.5)));
        }
        in.respond(ok);
    }
}
