package org.mediasec.sip.proxy;

import java.text.ParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import javax.sip.address.SipURI;
import javax.sip.address.URI;

import org.mediasec.common.Checks;
import org.mediasec.sip.SipTransport;

/**
 * How a proxy recognises URIs that name it, and the URI it puts into Record-Route and Path.
 *
 * <p>A URI names this proxy when it is a SIP URI whose host is {@link #host} or one of
 * {@link #aliases} (case-insensitive) and whose port, 5060 when absent, is {@link #port}. The
 * Record-Route URI has no user part, so a Request-URI with a user part (a request for a user at our
 * address) is never mistaken for a Record-Route value (RFC 3261 §16.4 strict-route fix-up).
 *
 * @param host    the address the proxy listens on, as written in Via, Record-Route and Path
 * @param port    the port it listens on
 * @param aliases further host names that name this proxy (e.g. its domain, when the domain resolves to it)
 */
public record ProxyIdentity(String host, int port, Set<String> aliases) {
    /** RFC 3261 §19.1.2: the default port of a {@code sip:} URI over UDP and TCP. */
    public static final int DEFAULT_SIP_PORT = 5060;

    public ProxyIdentity {
        Checks.notEmpty(host, "host");
        Checks.inRange(port, 1, 65535, "port");
        aliases = Set.copyOf(Objects.requireNonNull(aliases, "aliases"));
    }

    public ProxyIdentity(String host, int port) {
        this(host, port, Set.of());
    }

    /** True if {@code uri} is a SIP URI for this host and port (any user part, any parameters). */
    public boolean isThisProxy(URI uri) {
        if (!(uri instanceof SipURI sip)) {
            return false;
        }
        String h = stripBrackets(sip.getHost()).toLowerCase(Locale.ROOT);
        boolean hostMatches = h.equals(stripBrackets(host).toLowerCase(Locale.ROOT))
                || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(h));
        int p = sip.getPort() <= 0 ? DEFAULT_SIP_PORT : sip.getPort();
        return hostMatches && p == port;
    }

    /**
     * True if {@code uri} is a value this proxy places into Record-Route: it names this proxy and has
     * no user part.
     */
    public boolean isRecordRouteValue(URI uri) {
        return isThisProxy(uri) && ((SipURI) uri).getUser() == null;
    }

    /**
     * {@code sip:host:port;lr}, with {@code transport=tcp} for TCP. RFC 3261 §16.6 step 4: "This URI
     * MUST contain an lr parameter". The transport parameter is set for TCP only: RFC 3261 says it
     * "SHOULD NOT contain the transport parameter unless the proxy has knowledge ... that the next
     * downstream element ... supports that transport"; a request that reached us over TCP is that knowledge.
     */
    public SipURI recordRouteUri(SipTransport transport) {
        try {
            SipURI uri = SipHeaders.ADDRESSES.createSipURI(null, host);
            uri.setPort(port);
            if (transport == SipTransport.TCP) {
                uri.setTransportParam("tcp");
            }
            uri.setLrParam();
            return uri;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build a SIP URI for " + host + ":" + port, e);
        }
    }

    private static String stripBrackets(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
