package org.mediasec.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sip.IOExceptionEvent;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.mediasec.common.TimerService;
import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipEndpointListener;
import org.mediasec.sip.SipStackConfig;
import org.mediasec.sip.SipTlsConfig;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.proxy.ForwardTarget;
import org.mediasec.sip.proxy.NextHop;
import org.mediasec.sip.proxy.ProxiedRequest;
import org.mediasec.sip.proxy.ProxyIdentity;
import org.mediasec.sip.proxy.RecordRoute;
import org.mediasec.sip.proxy.StatefulProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gov.nist.javax.sip.address.AddressFactoryImpl;

/**
 * {@code mediasec core}: a registrar and S-CSCF routing stand-in, just enough to connect P-CSCFs
 * (DESIGN §2). One SIP endpoint; REGISTER for the domain goes to the {@link Registrar}; any other
 * request is proxied statefully ({@link StatefulProxy}):
 * <ul>
 * <li>with Route values left after removing our own (in-dialog and loose-routed requests): along them;</li>
 * <li>for a user of the domain ({@code sip:user@domain}, or {@code sip:user@host:port} of the core):
 *     to the most recently registered contact of that AOR, through the path vector stored with it
 *     (RFC 3327 §5.4: the home proxy "copies the stored path vector associated with the specific contact
 *     in the registrar database into the Route header field of the outgoing request as a preloaded
 *     route"), Record-Routing dialog-creating requests; 404 for a user that does not exist (RFC 3261
 *     §16.5: "If the Request-URI indicates a resource at this proxy that does not exist, the proxy MUST
 *     return a 404 (Not Found) response"), 480 for one without a current binding ("If the target set
 *     remains empty after applying all of the above, the proxy MUST return an error response, which
 *     SHOULD be the 480 (Temporarily Unavailable) response");</li>
 * <li>otherwise to its Request-URI (RFC 3261 §16.5: a domain "this element is not responsible for").</li>
 * </ul>
 * A user exists if {@link CoreConfig#users()} lists it or, with no user list, if it has ever registered.
 * No forking: one contact per request. Logs one INFO line per registration and per routed or rejected request.
 */
public final class Core implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Core.class);
    private static final AddressFactoryImpl ADDRESSES = new AddressFactoryImpl();

    private final CoreConfig config;
    private final LocationService location;
    private final Registrar registrar;
    private final SipEndpoint endpoint;
    private volatile StatefulProxy proxy;

    private Core(CoreConfig config, TimerService clock) {
        this.config = config;
        this.location = new LocationService(clock);
        this.registrar = new Registrar(config, location);
        SipStackConfig stack = SipStackConfig.loopback("core-" + Integer.toHexString(System.identityHashCode(this)))
                .withHost(config.host()).withPort(config.port())
                .withTls(config.transports().contains(SipTransport.TLS) ? sipTls(config) : null)
                .withTransports(config.transports())
                .withAutomaticDialogSupport(false);
        this.endpoint = SipEndpoint.start(stack, new Listener());
        // timer C (RFC 3261 §16.6 step 11, > 3 min) always runs on the system timers; the injected clock is for binding expiry
        this.proxy = new StatefulProxy(endpoint, new ProxyIdentity(endpoint.host(), endpoint.port(), Set.of(config.domain())),
                SystemClock.INSTANCE, StatefulProxy.DEFAULT_TIMER_C);
        LOG.info("core for {} listening on {}:{} {}", config.domain(), config.host(), endpoint.port(), config.transports());
    }

    private static SipTlsConfig sipTls(CoreConfig config) {
        try {
            return config.tls().toSipTlsConfig("core." + config.domain());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("tls: cannot load the certificate " + config.tls().certificate() + " / key "
                    + config.tls().privateKey() + " or the trust: " + e.getMessage(), e);
        }
    }

    /** Starts the core on the JVM's clock. */
    public static Core start(CoreConfig config) {
        return new Core(config, SystemClock.INSTANCE);
    }

    /** Starts the core with binding expiry on {@code clock} (tests pass a manual clock). */
    public static Core start(CoreConfig config, TimerService clock) {
        return new Core(config, clock);
    }

    public CoreConfig config() {
        return config;
    }

    /** The bound port (the picked one when the configuration said 0). */
    public int port() {
        return endpoint.port();
    }

    /** The bound port of a transport (TLS has its own). */
    public int port(SipTransport transport) {
        return endpoint.port(transport);
    }

    public InetSocketAddress localAddress() {
        return endpoint.localAddress();
    }

    /** The bindings, for inspection. */
    public LocationService locationService() {
        return location;
    }

    /** The canonical AOR of a user of the domain: {@code sip:user@domain}. */
    public String aor(String user) {
        return registrar.aor(user);
    }

    /** Stops the SIP endpoint; idempotent. */
    @Override
    public void close() {
        StatefulProxy p = proxy;
        if (p != null) {
            p.stopTimers();
        }
        endpoint.stop();
    }

    private final class Listener implements SipEndpointListener {
        @Override
        public void onRequest(IncomingRequest in) {
            StatefulProxy p = proxy;
            if (p == null) {
                if (!Request.ACK.equals(in.method())) {
                    in.respond(Response.SERVICE_UNAVAILABLE);
                }
                return;
            }
            popOwnTlsRoute(in.request());
            Optional<ProxiedRequest> pr = p.receive(in);
            if (pr.isPresent()) {
                route(p, pr.get());
            } else {
                // answered by the proxy layer: 483 (Max-Forwards 0), or a CANCEL matched to its INVITE (200, CANCEL downstream)
                LOG.info("{} {} from {} handled by the proxy layer ({})", in.method(), in.request().getRequestURI(),
                        from(in.request()), Request.CANCEL.equals(in.method()) ? "cancelled the pending branch" : "483 Too Many Hops");
            }
        }

        @Override
        public void onResponse(ResponseEvent event) {
            StatefulProxy p = proxy;
            if (p != null && !p.onResponse(event)) {
                LOG.debug("dropped stray response {}", event.getResponse().getStatusCode());
            }
        }

        @Override
        public void onTimeout(TimeoutEvent event) {
            StatefulProxy p = proxy;
            if (p != null) {
                p.onTimeout(event);
            }
        }

        @Override
        public void onIoException(IOExceptionEvent event) {
            LOG.info("cannot reach {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
        }
    }

    private void route(StatefulProxy p, ProxiedRequest pr) {
        Request req = pr.request();
        String method = req.getMethod();
        if (pr.hasRoute()) {
            forward(p, pr, ForwardTarget.to(req.getRequestURI()), "along Route");
            return;
        }
        URI ruri = req.getRequestURI();
        if (Request.REGISTER.equals(method) && registrar.isOurDomain(ruri)) {
            registrar.handle(pr.incoming(), ownUri(p, pr));
            return;
        }
        Optional<String> user = homeUser(ruri);
        if (user.isEmpty()) {
            if (ruri instanceof SipURI sip && (p.identity().isThisProxy(sip) || sip.getHost().equalsIgnoreCase(config.domain()))) {
                reject(p, pr, Request.OPTIONS.equals(method) ? Response.OK : Response.NOT_FOUND, "no user part");
                return;
            }
            forward(p, pr, ForwardTarget.to(ruri), "to its Request-URI");
            return;
        }
        String aor = registrar.aor(user.get());
        List<Binding> bindings = location.lookup(aor);
        if (bindings.isEmpty()) {
            boolean exists = config.users().isEmpty() ? location.known(aor) : config.users().containsKey(user.get());
            if (Request.CANCEL.equals(method)) {
                reject(p, pr, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "nothing to cancel for " + aor);
            } else {
                reject(p, pr, exists ? Response.TEMPORARILY_UNAVAILABLE : Response.NOT_FOUND,
                        exists ? aor + " not registered" : "no such user " + aor);
            }
            return;
        }
        Binding b = bindings.get(0);
        ForwardTarget target;
        try {
            target = ForwardTarget.to(ADDRESSES.createURI(b.contact())).withPreloadedRoute(addresses(b.path()));
        } catch (ParseException e) {
            LOG.warn("stored contact {} of {} does not parse", b.contact(), aor, e);
            reject(p, pr, Response.SERVER_INTERNAL_ERROR, "bad stored contact");
            return;
        }
        ToHeader to = (ToHeader) req.getHeader(ToHeader.NAME);
        if (config.recordRoute() && RecordRoute.createsDialog(method) && (to == null || to.getTag() == null)) {
            target = target.withRecordRoute(ownUri(p, pr));
        }
        forward(p, pr, target, "to " + aor);
    }

    /**
     * RFC 3261 §16.4: "If the first value in the Route header field indicates this proxy, the proxy
     * MUST remove that value from the request." The proxy layer's {@link ProxyIdentity} knows one
     * port (UDP/TCP's when they are configured), so a Route naming our TLS port is removed here.
     */
    private void popOwnTlsRoute(Request request) {
        if (!endpoint.transports().contains(SipTransport.TLS) || endpoint.port(SipTransport.TLS) == endpoint.port()) {
            return;
        }
        RouteHeader first = (RouteHeader) request.getHeader(RouteHeader.NAME);
        if (first != null && first.getAddress().getURI() instanceof SipURI uri && uri.getUser() == null
                && uri.getPort() == endpoint.port(SipTransport.TLS)
                && (uri.getHost().equalsIgnoreCase(config.host()) || uri.getHost().equalsIgnoreCase(config.domain()))) {
            request.removeFirst(RouteHeader.NAME);
        }
    }

    /**
     * Our URI for Record-Route and Service-Route on the transport the request came over. Over TLS:
     * {@code sip:host:tlsPort;transport=tls;lr}, a SIP (not SIPS) URI for a TLS hop as RFC 5630 §3.1.3
     * describes ("proxies can insert Record-Route header fields using SIP URIs even if it uses TLS
     * transport"), with the transport parameter so the next request uses TLS on the TLS port.
     */
    private SipURI ownUri(StatefulProxy p, ProxiedRequest pr) {
        String in = pr.incoming().transport();
        if (!"TLS".equals(in)) {
            return p.identity().recordRouteUri("TCP".equals(in) ? SipTransport.TCP : SipTransport.UDP);
        }
        SipURI uri = p.identity().recordRouteUri(SipTransport.UDP);
        try {
            uri.setPort(endpoint.port(SipTransport.TLS));
            uri.setTransportParam("tls");
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build the TLS URI of " + uri, e);
        }
        return uri;
    }

    private void forward(StatefulProxy p, ProxiedRequest pr, ForwardTarget target, String why) {
        Request out = p.forward(pr, target);
        LOG.info("{} {} from {} routed {} -> {} via {}", pr.method(), pr.incoming().request().getRequestURI(),
                from(pr.request()), why, out.getRequestURI(), NextHop.uri(out));
    }

    private static void reject(StatefulProxy p, ProxiedRequest pr, int status, String why) {
        LOG.info("{} {} from {} answered {}: {}", pr.method(), pr.request().getRequestURI(), from(pr.request()), status, why);
        if (!Request.ACK.equals(pr.method())) {
            pr.incoming().respond(StatefulProxy.localResponse(pr.incoming(), status));
        }
    }

    /** The user of a Request-URI for our domain: host is the domain, or our host and port. */
    private Optional<String> homeUser(URI ruri) {
        if (!(ruri instanceof SipURI sip) || sip.getUser() == null) {
            return Optional.empty();
        }
        boolean ours = sip.getHost().equalsIgnoreCase(config.domain()) || proxy.identity().isThisProxy(sip);
        return ours ? Optional.of(sip.getUser()) : Optional.empty();
    }

    private static List<Address> addresses(List<String> nameAddrs) throws ParseException {
        java.util.ArrayList<Address> out = new java.util.ArrayList<>();
        for (String s : nameAddrs) {
            out.add(ADDRESSES.createAddress(s));
        }
        return out;
    }

    private static String from(Request r) {
        FromHeader f = (FromHeader) r.getHeader(FromHeader.NAME);
        return f == null ? "?" : f.getAddress().getURI().toString();
    }
}
