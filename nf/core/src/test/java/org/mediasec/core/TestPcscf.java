package org.mediasec.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.SipURI;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

import org.mediasec.sip.IncomingRequest;
import org.mediasec.sip.SipEndpoint;
import org.mediasec.sip.SipEndpointListener;
import org.mediasec.sip.SipStackConfig;
import org.mediasec.sip.SipTransport;
import org.mediasec.sip.proxy.ForwardTarget;
import org.mediasec.sip.proxy.PathHeaders;
import org.mediasec.sip.proxy.ProxiedRequest;
import org.mediasec.sip.proxy.RecordRoute;
import org.mediasec.sip.proxy.ServiceRouteHeaders;
import org.mediasec.sip.proxy.StatefulProxy;

/**
 * A P-CSCF stand-in for the tests, built only from the sip module's proxy helpers: on REGISTER it
 * inserts itself into Path (RFC 3327 §5.2), forwards to the core and learns the Service-Route of the
 * 200 (RFC 3608); requests for the domain go along that service route; everything else along its Route
 * or to its Request-URI; it Record-Routes initial INVITEs.
 */
final class TestPcscf implements SipEndpointListener, AutoCloseable {
    final SipEndpoint endpoint;
    final StatefulProxy proxy;
    final String domain;
    final SipURI core;
    final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    /** The Service-Route learned from the last 200 to REGISTER (RFC 3608), used for the UE's initial requests. */
    volatile List<javax.sip.address.Address> serviceRoute = List.of();
    private volatile StatefulProxy ready;

    TestPcscf(String name, String domain, SipURI coreUri) {
        this.domain = domain;
        this.core = coreUri;
        this.endpoint = SipEndpoint.start(SipStackConfig.loopback(name), this);
        this.proxy = StatefulProxy.on(endpoint, Set.of());
        this.ready = proxy;
    }

    /** The URI of this P-CSCF for a UE's preloaded Route: {@code sip:127.0.0.1:port;lr}. */
    String routeUri() {
        return "<" + proxy.identity().recordRouteUri(SipTransport.UDP) + ">";
    }

    @Override
    public void onRequest(IncomingRequest in) {
        StatefulProxy p = ready;
        if (p == null) {
            in.respond(503);
            return;
        }
        seen.add(in.method() + " " + in.request().getRequestURI());
        p.receive(in).ifPresent(this::route);
    }

    private void route(ProxiedRequest pr) {
        Request req = pr.request();
        SipTransport t = "TCP".equals(pr.incoming().transport()) ? SipTransport.TCP : SipTransport.UDP;
        ForwardTarget target = ForwardTarget.to(req.getRequestURI());
        if (Request.REGISTER.equals(pr.method())) {
            PathHeaders.insert(req, proxy.identity().recordRouteUri(t));
            target = target.withPreloadedRoute(List.of(endpoint.addressFactory().createAddress(core)));
            proxy.forward(pr, target, (request, response) -> {
                if (response.getStatusCode() / 100 == 2) {
                    serviceRoute = ServiceRouteHeaders.routeSet(response);
                }
                return response;
            });
            return;
        } else if (!pr.hasRoute() && req.getRequestURI() instanceof SipURI sip && domain.equalsIgnoreCase(sip.getHost())) {
            List<javax.sip.address.Address> route = serviceRoute;
            target = target.withPreloadedRoute(route.isEmpty() ? List.of(endpoint.addressFactory().createAddress(core)) : route);
        }
        ToHeader to = (ToHeader) req.getHeader(ToHeader.NAME);
        if (RecordRoute.createsDialog(pr.method()) && to.getTag() == null) {
            target = target.withRecordRoute(proxy.identity().recordRouteUri(t));
        }
        proxy.forward(pr, target);
    }

    @Override
    public void onResponse(ResponseEvent event) {
        proxy.onResponse(event);
    }

    @Override
    public void onTimeout(TimeoutEvent event) {
        proxy.onTimeout(event);
    }

    @Override
    public void close() {
        endpoint.stop();
    }
}
