package org.mediasec.sip.proxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;

/**
 * Where and how to forward one copy of a request (one element of the RFC 3261 §16.5 target set).
 *
 * @param requestUri     the target, the new Request-URI (§16.6 step 2); the received one to keep it
 * @param preloadedRoute Route values to push ahead of the existing ones (§16.6 step 6), e.g. a stored path vector
 * @param recordRoute    the URI to insert into Record-Route (§16.6 step 4), or empty to stay off the dialog's path
 */
public record ForwardTarget(URI requestUri, List<Address> preloadedRoute, Optional<SipURI> recordRoute) {
    public ForwardTarget {
        Objects.requireNonNull(requestUri, "requestUri");
        preloadedRoute = List.copyOf(preloadedRoute);
        Objects.requireNonNull(recordRoute, "recordRoute");
    }

    /** Forward to {@code requestUri} with no preloaded route and no Record-Route. */
    public static ForwardTarget to(URI requestUri) {
        return new ForwardTarget(requestUri, List.of(), Optional.empty());
    }

    public ForwardTarget withPreloadedRoute(List<Address> route) {
        return new ForwardTarget(requestUri, route, recordRoute);
    }

    public ForwardTarget withRecordRoute(SipURI uri) {
        return new ForwardTarget(requestUri, preloadedRoute, Optional.of(uri));
    }
}
