package org.mediasec.pcscf.sip;

import java.util.Optional;
import java.util.Set;

import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.pcscf.registration.MediaSecRegistration;
import org.mediasec.pcscf.registration.MediaSecRegistrations;
import org.mediasec.pcscf.registration.RegistrationKey;
import org.mediasec.pcscf.registration.VerifyResult;
import org.mediasec.sip.SipSecurityHeaders;
import org.mediasec.sip.proxy.ProxiedRequest;
import org.mediasec.sip.proxy.StatefulProxy;
import org.mediasec.sip.secagree.SecurityHeader;
import org.mediasec.sip.secagree.SecurityHeaderDecodeResult;
import org.mediasec.sip.secagree.SecurityHeaderKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P-CSCF's end of the media-plane security agreement on requests after registration (RFC 3329,
 * TS 24.229 §7.2A.7): checks Security-Verify, answers 494 with the Security-Server it sent when the
 * list was changed or left out, and removes what it consumed before the request goes on.
 */
final class SecAgree {
    private static final Logger LOG = LoggerFactory.getLogger(SecAgree.class);
    /** The option tags the P-CSCF consumes: RFC 3329's, and {@code mediasec} as deployed UEs send it (specs.md §1.1). */
    static final Set<String> OPTION_TAGS = Set.of(SipSecurityHeaders.SEC_AGREE, "mediasec");

    private final MediaSecRegistrations registrations;
    private final boolean requireVerify;

    private final String tag;

    SecAgree(String tag, MediaSecRegistrations registrations, boolean requireVerify) {
        this.tag = tag;
        this.registrations = registrations;
        this.requireVerify = requireVerify;
    }

    /**
     * Checks a request from the UE registered as {@code key} (null: not registered through us). True when it may
     * go on (the consumed headers removed); false when it was answered here.
     */
    boolean check(ProxiedRequest pr, RegistrationKey key) {
        Request req = pr.request();
        String method = req.getMethod();
        Optional<SecurityHeader> sent = key == null ? Optional.empty()
                : registrations.lookup(key).flatMap(MediaSecRegistration::securityServer);
        if (sent.isPresent() && !Request.ACK.equals(method) && !Request.CANCEL.equals(method)) {
            SecurityHeaderDecodeResult verify = SipSecurityHeaders.read(req, SecurityHeaderKind.VERIFY);
            // RFC 3329 §2.3.1: "The server MUST check that the security mechanisms listed in the
            // Security-Verify header field of incoming requests correspond to its static list of supported
            // security mechanisms." A UE that was sent a media-plane list echoes it (specs.md §1.1).
            if (verify.isAbsent()) {
                if (requireVerify) {
                    reject(pr, 494, "no Security-Verify, expected " + sent.get().value(), sent.get());
                    return false;
                }
            } else {
                VerifyResult r = registrations.verify(key, verify);
                if (!r.accepted()) {
                    // "If modification of the list is detected, the server MUST respond to the client with a 494
                    // (Security Agreement Required) response. This response MUST include the server's unmodified
                    // list of supported security mechanisms."
                    reject(pr, r.responseCode(), r.detail(), r.securityServer().orElse(null));
                    return false;
                }
            }
        }
        strip(req);
        return true;
    }

    /** Removes Security-Client/-Verify and the consumed option tags: they end at the P-CSCF. */
    static void strip(Message m) {
        SipSecurityHeaders.remove(m, SecurityHeaderKind.CLIENT);
        SipSecurityHeaders.remove(m, SecurityHeaderKind.VERIFY);
        OptionTags.remove(m, OPTION_TAGS);
    }

    private void reject(ProxiedRequest pr, int status, String why, SecurityHeader server) {
        LOG.info("[{}] {} from {} answered {}: {}", tag, pr.method(), pr.incoming().remoteAddress(), status, why);
        if (Request.ACK.equals(pr.method())) {
            return;
        }
        Response r = StatefulProxy.localResponse(pr.incoming(), status);
        if (server != null) {
            SipSecurityHeaders.add(r, server);
        }
        pr.incoming().respond(r);
    }
}
