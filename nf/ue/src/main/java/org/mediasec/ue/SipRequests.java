package org.mediasec.ue;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipSecurityHeaders;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.secagree.SecMechanism;
import org.mediasec.sip.secagree.SecurityHeader;
import org.mediasec.sip.secagree.SecurityHeaderKind;

/**
 * Builds the UE's out-of-dialog requests: From our AOR, a preloaded Route to the outbound proxy
 * (RFC 3261 §8.1.2) followed by the registration's Service-Route (RFC 3608 §6.1), Contact, and
 * Security-Verify once the registrar sent a Security-Server (RFC 3329 §2.3.1).
 */
final class SipRequests {
    private final UeConfig config;
    private final SipEndpoint endpoint;
    private final AtomicLong cseq = new AtomicLong(1);
    private volatile List<Address> serviceRoute = List.of();
    private volatile Optional<SecurityHeader> verify = Optional.empty();

    SipRequests(UeConfig config, SipEndpoint endpoint) {
        this.config = config;
        this.endpoint = endpoint;
    }

    HeaderFactory headers() {
        return endpoint.headerFactory();
    }

    AddressFactory addresses() {
        return endpoint.addressFactory();
    }

    /** The outbound proxy as a loose route: {@code <sip:host:port;transport=..;lr>}. */
    SipURI proxyUri() {
        String[] hp = UeConfig.hostPort(config.outboundProxy());
        try {
            SipURI uri = addresses().createSipURI(null, hp[0]);
            uri.setPort(Integer.parseInt(hp[1]));
            if (config.sipTransport() != SipTransport.UDP) {
                uri.setTransportParam(config.sipTransport().jainSipName());
            }
            uri.setLrParam();
            return uri;
        } catch (ParseException e) {
            throw new IllegalArgumentException("outboundProxy: " + config.outboundProxy() + ": " + e.getMessage(), e);
        }
    }

    /** Our contact: {@code sip:user@host:port[;transport=tcp|tls]} (the port of that transport). */
    SipURI contactUri() {
        try {
            SipURI uri = addresses().createSipURI(config.user(), endpoint.host());
            uri.setPort(endpoint.port(config.sipTransport()));
            if (config.sipTransport() != SipTransport.UDP) {
                uri.setTransportParam(config.sipTransport().jainSipName());
            }
            return uri;
        } catch (ParseException e) {
            throw new IllegalStateException("contact for " + config.user() + ": " + e.getMessage(), e);
        }
    }

    ContactHeader contact() {
        return headers().createContactHeader(addresses().createAddress(contactUri()));
    }

    /**
     * Remembers the Service-Route of a 200 to REGISTER (RFC 3608 §6.1: "the UA MUST ... use the
     * Service-Route ... as a preloaded route set"), leaving out entries that name the outbound proxy
     * itself (the core as registrar and first hop at once).
     */
    void serviceRoute(List<Address> route) {
        SipURI proxy = proxyUri();
        List<Address> kept = new ArrayList<>();
        for (Address a : route) {
            if (a.getURI() instanceof SipURI s && s.getHost().equalsIgnoreCase(proxy.getHost())
                    && (s.getPort() == proxy.getPort() || (s.getPort() == -1 && proxy.getPort() == 5060))) {
                continue;
            }
            kept.add(a);
        }
        serviceRoute = List.copyOf(kept);
    }

    /** The Security-Server to echo as Security-Verify from now on (RFC 3329 §2.3.1); empty to stop. */
    void securityVerify(Optional<SecurityHeader> securityServer) {
        verify = securityServer.map(s -> new SecurityHeader(SecurityHeaderKind.VERIFY, s.mechanisms()));
    }

    Optional<SecurityHeader> securityVerify() {
        return verify;
    }

    /** Adds Security-Verify when one is known. */
    void addVerify(Message m) {
        verify.ifPresent(v -> SipSecurityHeaders.add(m, v));
    }

    /** The Security-Client of REGISTER: our media-plane mechanisms, no q (TS 24.229 §7.2A.7). */
    Optional<SecurityHeader> securityClient() {
        List<SecMechanism> mechs = config.mediaSecMechanisms().stream().map(SecMechanism::mediaPlane).toList();
        return mechs.isEmpty() ? Optional.empty() : Optional.of(new SecurityHeader(SecurityHeaderKind.CLIENT, mechs));
    }

    /**
     * A new request from our AOR. {@code toTag} and {@code fromTag} may be null (the stack then has
     * no From tag: pass one). With {@code serviceRoute} the Service-Route follows the proxy in Route.
     */
    Request request(String method, String requestUri, String to, String callId, String fromTag, long number,
                    boolean withServiceRoute) {
        try {
            var af = addresses();
            var hf = headers();
            Request r = endpoint.messageFactory().createRequest(af.createURI(requestUri), method,
                    hf.createCallIdHeader(callId), hf.createCSeqHeader(number, method),
                    hf.createFromHeader(af.createAddress(config.aor()), fromTag),
                    hf.createToHeader(af.createAddress(to), null),
                    new ArrayList<ViaHeader>(List.of(endpoint.newVia(config.sipTransport()))),
                    hf.createMaxForwardsHeader(70));
            r.addLast(hf.createRouteHeader(af.createAddress(proxyUri())));
            if (withServiceRoute) {
                for (Address a : serviceRoute) {
                    r.addLast(hf.createRouteHeader(a));
                }
            }
            return r;
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new IllegalStateException("cannot build " + method + " to " + requestUri + ": " + e.getMessage(), e);
        }
    }

    long nextCseq() {
        return cseq.getAndIncrement();
    }

    String newCallId() {
        return endpoint.provider().getNewCallId().getCallId();
    }

    /** Every value of header {@code name}, as addresses (Service-Route, Record-Route). */
    static List<Address> addressesOf(Message m, String name, AddressFactory af) {
        List<Address> out = new ArrayList<>();
        ListIterator<?> it = m.getHeaders(name);
        while (it != null && it.hasNext()) {
            Object h = it.next();
            if (h instanceof javax.sip.header.HeaderAddress ha) {
                out.add(ha.getAddress());
                continue;
            }
            String s = h.toString().trim();
            String value = s.substring(s.indexOf(':') + 1).trim();
            for (String part : value.split(",(?=\\s*<)")) {
                try {
                    out.add(af.createAddress(part.trim()));
                } catch (ParseException e) {
                    throw new IllegalArgumentException(name + ": \"" + part.trim() + "\" does not parse", e);
                }
            }
        }
        return out;
    }
}
