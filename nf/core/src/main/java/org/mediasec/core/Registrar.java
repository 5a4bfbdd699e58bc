package org.mediasec.core;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.proxy.PathHeaders;
import org.mediasec.sip.proxy.ServiceRouteHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;

/**
 * The registrar of the core: RFC 3261 §10.3 on a {@link LocationService}, with RFC 3327 Path.
 * Answers every REGISTER it is given (200, 400, 401, 403, 404, 420, 423, 500), one INFO line each.
 */
final class Registrar {
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    private static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();
    private static final AddressFactoryImpl ADDRESSES = new AddressFactoryImpl();
    /** Option tags this registrar understands in Require. */
    static final List<String> SUPPORTED = List.of(PathHeaders.OPTION_TAG);

    private final CoreConfig config;
    private final LocationService location;
    private final Optional<DigestAuthenticator> digest;

    Registrar(CoreConfig config, LocationService location) {
        this.config = config;
        this.location = location;
        this.digest = config.authentication()
                ? Optional.of(new DigestAuthenticator(config.domain(), config.users()))
                : Optional.empty();
    }

    /** True if a REGISTER with this Request-URI is for our domain (RFC 3261 §10.3 step 1). */
    boolean isOurDomain(URI requestUri) {
        return requestUri instanceof SipURI sip && isOurHost(sip.getHost());
    }

    boolean isOurHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals(config.domain()) || h.equalsIgnoreCase(config.host());
    }

    /**
     * Answers a REGISTER.
     *
     * @param serviceRoute this core's URI, returned as Service-Route in a 200 (RFC 3608 §6.3), so the P-CSCF
     *                     routes the UE's initial requests through the core
     */
    void handle(IncomingRequest in, SipURI serviceRoute) {
        Request r = in.request();
        // §10.3 step 2: "the registrar MUST process the Require header field values as described for UASs
        // in Section 8.2.2": "If a UAS does not understand an option-tag listed in a Require header field, it
        // MUST respond by generating a response with status code 420 (Bad Extension). The UAS MUST add an
        // Unsupported header field, and list in it those options it does not understand".
        List<String> unsupported = unsupportedRequired(r);
        if (!unsupported.isEmpty()) {
            Response resp = response(in, Response.BAD_EXTENSION);
            for (String tag : unsupported) {
                try {
                    resp.addHeader(HEADERS.createUnsupportedHeader(tag));
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
            }
            reply(in, resp, "unsupported Require " + unsupported);
            return;
        }
        // §10.3 step 3: "A registrar SHOULD authenticate the UAC" (RFC 3261 §22): a 401 challenge without
        // valid credentials, before anything about the AOR is revealed.
        Optional<String> authenticated = Optional.empty();
        if (digest.isPresent()) {
            authenticated = digest.get().verify(r);
            if (authenticated.isEmpty()) {
                Response challenge = response(in, Response.UNAUTHORIZED);
                challenge.addHeader(digest.get().challenge());
                reply(in, challenge, "challenged " + toUri(r));
                return;
            }
        }
        // §10.3 step 5: "If the address-of-record is not valid for the domain in the Request-URI, the registrar
        // MUST send a 404 (Not Found) response and skip the remaining steps."
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        Optional<String> user = to == null ? Optional.empty() : userOf(to.getAddress().getURI());
        if (user.isEmpty() || (!config.users().isEmpty() && !config.users().containsKey(user.get()))) {
            reply(in, response(in, Response.NOT_FOUND), "no such user " + toUri(r));
            return;
        }
        String aor = aor(user.get());
        // §10.3 step 4: "If the authenticated user is not authorized to modify bindings, the registrar MUST
        // return a 403 (Forbidden) and skip the remaining steps." Each user may register its own AOR only.
        if (authenticated.isPresent() && !authenticated.get().equals(user.get())) {
            reply(in, response(in, Response.FORBIDDEN), authenticated.get() + " may not register " + aor);
            return;
        }
        ExpiresHeader expires = (ExpiresHeader) r.getHeader(ExpiresHeader.NAME);
        List<ContactHeader> contacts = contacts(r);
        boolean wildcard = contacts.stream().anyMatch(ContactHeader::isWildCard);
        List<LocationService.ContactUpdate> updates = new ArrayList<>();
        if (wildcard) {
            // §10.3 step 6: "If the request has additional Contact fields or an expiration time other than zero,
            // the request is invalid, and the server MUST return a 400 (Invalid Request)".
            if (contacts.size() != 1 || expires == null || expires.getExpires() != 0) {
                reply(in, response(in, Response.BAD_REQUEST), "Contact: * needs Expires: 0 and no other Contact");
                return;
            }
        } else {
            for (ContactHeader c : contacts) {
                // §10.3 step 7: the contact's "expires" parameter, else the Expires header, else "a
                // locally-configured default value MUST be taken as the requested expiration".
                long requested = c.getExpires() >= 0 ? c.getExpires()
                        : expires != null ? expires.getExpires() : config.defaultExpires();
                // "If and only if the requested expiration interval is greater than zero AND smaller than one hour
                // AND less than a registrar-configured minimum, the registrar MAY reject the registration with a
                // response of 423 (Interval Too Brief). This response MUST contain a Min-Expires header field".
                if (requested > 0 && requested < 3600 && requested < config.minExpires()) {
                    Response brief = response(in, Response.INTERVAL_TOO_BRIEF);
                    try {
                        brief.addHeader(HEADERS.createMinExpiresHeader(config.minExpires()));
                    } catch (InvalidArgumentException e) {
                        throw new IllegalStateException(e);
                    }
                    reply(in, brief, "interval " + requested + " s below " + config.minExpires() + " s for " + aor);
                    return;
                }
                // "The registrar MAY choose an expiration less than the requested expiration interval."
                updates.add(new LocationService.ContactUpdate(c.getAddress().getURI().toString(),
                        Math.min(requested, config.maxExpires())));
            }
        }
        List<String> path = PathHeaders.pathVector(r).stream().map(Address::toString).toList();
        String callId = ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        long cseq = ((javax.sip.header.CSeqHeader) r.getHeader(javax.sip.header.CSeqHeader.NAME)).getSeqNumber();
        LocationService.Outcome outcome = location.register(aor, callId, cseq, wildcard, updates, path);
        if (outcome.status() != Response.OK) {
            reply(in, response(in, outcome.status()), outcome.reason() + " for " + aor);
            return;
        }
        Response ok = ok(in, outcome, r);
        ServiceRouteHeaders.add(ok, serviceRoute);
        reply(in, ok, summary(aor, outcome, path));
    }

    /**
     * §10.3 step 8: "The response MUST contain Contact header field values enumerating all current
     * bindings. Each Contact value MUST feature an "expires" parameter indicating its expiration interval
     * chosen by the registrar. The response SHOULD include a Date header field." RFC 3327 §5.3: "The
     * registrar copies the Path header field values into a Path header field in the successful (200
     * class) REGISTER response."
     */
    private Response ok(IncomingRequest in, LocationService.Outcome outcome, Request r) {
        Response ok = response(in, Response.OK);
        long now = location.nanoTime();
        try {
            for (Binding b : outcome.bindings()) {
                ContactHeader c = HEADERS.createContactHeader(ADDRESSES.createAddress(ADDRESSES.createURI(b.contact())));
                c.setExpires((int) Math.min(Integer.MAX_VALUE, b.remainingSeconds(now)));
                ok.addHeader(c);
            }
            ok.addHeader(HEADERS.createDateHeader(Calendar.getInstance(TimeZone.getTimeZone("GMT"))));
        } catch (ParseException | InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
        PathHeaders.set(ok, PathHeaders.pathVector(r));
        return ok;
    }

    /**
     * A response created from the request, with a To tag (RFC 3261 §8.2.6.2) and without Record-Route
     * (§10.3: "Registrars MUST NOT include a Record-Route header field in any response to a REGISTER request").
     */
    private static Response response(IncomingRequest in, int status) {
        Response resp = in.createResponse(status);
        resp.removeHeader(RecordRouteHeader.NAME);
        Responses.addToTag(resp);
        return resp;
    }

    private static void reply(IncomingRequest in, Response resp, String what) {
        LOG.info("REGISTER {} {}: {}", resp.getStatusCode(), resp.getReasonPhrase(), what);
        in.respond(resp);
    }

    private static String summary(String aor, LocationService.Outcome o, List<String> path) {
        StringBuilder sb = new StringBuilder(aor);
        for (Binding b : o.added()) {
            sb.append(" +").append(b.contact()).append(" (").append((b.expiresAtNanos() - b.updatedAtNanos()) / 1_000_000_000L).append(" s)");
        }
        for (Binding b : o.removed()) {
            sb.append(" -").append(b.contact());
        }
        if (!path.isEmpty()) {
            sb.append(" path ").append(path);
        }
        return sb.append("; ").append(o.bindings().size()).append(" binding(s)").toString();
    }

    private static String toUri(Request r) {
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        return to == null ? "?" : to.getAddress().getURI().toString();
    }

    private static List<String> unsupportedRequired(Request r) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = r.getHeaders(RequireHeader.NAME);
        while (it != null && it.hasNext()) {
            String tag = ((RequireHeader) it.next()).getOptionTag().trim();
            if (SUPPORTED.stream().noneMatch(s -> s.equalsIgnoreCase(tag))) {
                out.add(tag);
            }
        }
        return out;
    }

    private static List<ContactHeader> contacts(Request r) {
        List<ContactHeader> out = new ArrayList<>();
        ListIterator<?> it = r.getHeaders(ContactHeader.NAME);
        while (it != null && it.hasNext()) {
            out.add((ContactHeader) it.next());
        }
        return out;
    }

    /** The user part of a SIP URI of our domain (or our host). */
    Optional<String> userOf(URI uri) {
        if (uri instanceof SipURI sip && sip.getUser() != null && isOurHost(sip.getHost())) {
            return Optional.of(sip.getUser());
        }
        return Optional.empty();
    }

    /** §10.3 step 5: the canonical AOR, "all URI parameters MUST be removed". */
    String aor(String user) {
        return "sip:" + user + "@" + config.domain();
    }
}
