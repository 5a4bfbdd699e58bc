package org.mediasec.pcscf.sip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.pcscf.registration.MediaSecRegistration;
import org.mediasec.pcscf.registration.MediaSecRegistrations;
import org.mediasec.pcscf.registration.RegistrationKey;
import org.mediasec.sip.SipSecurityHeaders;
import org.mediasec.sip.proxy.ForwardTarget;
import org.mediasec.sip.proxy.PathHeaders;
import org.mediasec.sip.proxy.ProxiedRequest;
import org.mediasec.sip.proxy.ServiceRouteHeaders;
import org.mediasec.sip.proxy.StatefulProxy;
import org.mediasec.sip.secagree.SecMechanism;
import org.mediasec.sip.secagree.SecurityHeader;
import org.mediasec.sip.secagree.SecurityHeaderDecodeResult;
import org.mediasec.sip.secagree.SecurityHeaderKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTER from a UE: the P-CSCF reads the UE's media-plane mechanisms from Security-Client, removes
 * the headers it consumes, puts itself in Path (RFC 3327 §5.2: "the proxy ... MUST insert a Path header
 * field value" to stay on the path of requests toward the UE), and forwards to the core. On the
 * response: a 2xx records (or forgets, expires 0) each contact with its agreed mechanisms and
 * Service-Route and carries the P-CSCF's Security-Server to the UE; a 401/407 carries it too, since the
 * UE may learn it from either (specs.md §1.1).
 */
final class RegistrationHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationHandler.class);
    /** RFC 3261 §10.2.1.1: the registrar's default when neither expires is given is its own choice; 3600 s is common. */
    private static final int DEFAULT_EXPIRES = 3600;

    private final StatefulProxy proxy;
    private final MediaSecRegistrations registrations;
    private final Contacts contacts;
    private final javax.sip.address.SipURI pathUri;
    private final Address coreRoute;

    private final String tag;

    RegistrationHandler(String tag, StatefulProxy proxy, MediaSecRegistrations registrations, Contacts contacts,
                        javax.sip.address.SipURI pathUri, Address coreRoute) {
        this.tag = tag;
        this.proxy = proxy;
        this.registrations = registrations;
        this.contacts = contacts;
        this.pathUri = pathUri;
        this.coreRoute = coreRoute;
    }

    void handle(ProxiedRequest pr) {
        Request req = pr.request();
        SecurityHeaderDecodeResult client = SipSecurityHeaders.read(req, SecurityHeaderKind.CLIENT);
        if (client.isMalformed()) {
            LOG.info("[{}] REGISTER from {} answered 400: Security-Client does not parse: {}", tag,
                    pr.incoming().remoteAddress(), client.errors().get(0));
            Response bad = StatefulProxy.localResponse(pr.incoming(), Response.BAD_REQUEST);
            pr.incoming().respond(bad);
            return;
        }
        List<SecMechanism> offered = client.mechanisms();
        boolean mediasec = offered.stream().anyMatch(SecMechanism::isMediaPlane);
        String aor = ((ToHeader) req.getHeader(ToHeader.NAME)).getAddress().getURI().toString();
        // RFC 3261 §10.2.2: "Contact: *" with Expires 0 removes every binding of the AOR
        List<URI> registering = wildcard(req) ? contacts.ofAor(aor) : contactUris(req);
        SecAgree.strip(req);
        PathHeaders.insert(req, pathUri);
        ForwardTarget target = ForwardTarget.to(req.getRequestURI());
        if (!pr.hasRoute()) {
            target = target.withPreloadedRoute(List.of(coreRoute));
        }
        proxy.forward(pr, target, (request, response) -> {
            int status = response.getStatusCode();
            if (status / 100 == 2) {
                onRegistered(aor, registering, offered, response);
            } else if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) && mediasec
                    && !registrations.policy().supported().isEmpty()) {
                SipSecurityHeaders.add(response, registrations.policy().supported()
                        .toSecurityHeader(SecurityHeaderKind.SERVER, registrations.policy().q()));
            }
            return response;
        });
    }

    private void onRegistered(String aor, List<URI> registering, List<SecMechanism> offered, Response ok) {
        List<Address> serviceRoute = ServiceRouteHeaders.routeSet(ok);
        SecurityHeader server = null;
        for (URI contact : registering) {
            RegistrationKey key = RegistrationKey.of(aor, Contacts.normalize(contact));
            int expires = grantedExpires(ok, contact);
            MediaSecRegistration reg = registrations.register(key, offered, Duration.ofSeconds(expires));
            if (expires == 0) {
                contacts.remove(contact);
                LOG.info("[{}] {} de-registered {}", tag, aor, contact);
                continue;
            }
            contacts.prune();   // the ones that expired without a de-registration go now
            contacts.put(new Contacts.Registered(key, contact, serviceRoute));
            LOG.info("[{}] {} registered {} for {} s: UE mediasec {}, agreed {}", tag, aor, contact, expires,
                    reg.ueOffered(), reg.agreed());
            if (reg.securityServer().isPresent()) {
                server = reg.securityServer().get();
            }
        }
        if (server != null) {
            SipSecurityHeaders.add(ok, server);
        }
    }

    /** The expiry the registrar granted this contact: its Contact's expires, else the Expires header; 0 if not listed. */
    private static int grantedExpires(Response ok, URI contact) {
        String wanted = Contacts.normalize(contact);
        ListIterator<?> it = ok.getHeaders(ContactHeader.NAME);
        boolean listed = false;
        int expires = -1;
        while (it != null && it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.getAddress() != null && c.getAddress().getURI() != null
                    && Contacts.normalize(c.getAddress().getURI()).equals(wanted)) {
                listed = true;
                expires = c.getExpires();
            }
        }
        if (!listed) {
            // RFC 3261 §10.3 step 8: the 200 "MUST contain Contact header field values enumerating all current
            // bindings"; a contact not among them is not bound (removed, e.g. by expires 0)
            return 0;
        }
        if (expires < 0) {
            ExpiresHeader e = (ExpiresHeader) ok.getHeader(ExpiresHeader.NAME);
            expires = e == null ? DEFAULT_EXPIRES : e.getExpires();
        }
        return Math.max(0, expires);
    }

    private static boolean wildcard(Request req) {
        ContactHeader c = (ContactHeader) req.getHeader(ContactHeader.NAME);
        return c != null && c.isWildCard();
    }

    private static List<URI> contactUris(Request req) {
        List<URI> out = new ArrayList<>();
        ListIterator<?> it = req.getHeaders(ContactHeader.NAME);
        while (it != null && it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.getAddress() != null && c.getAddress().getURI() != null && !c.isWildCard()) {
                out.add(c.getAddress().getURI());
            }
        }
        return out;
    }
}
