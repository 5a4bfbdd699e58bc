package org.mediasec.sip.proxy;

import java.util.Optional;

import javax.sip.header.ViaHeader;
import javax.sip.message.Response;

/** Removing the proxy's own Via from a response to relay (RFC 3261 §16.7 step 3). */
public final class ResponseVia {
    private ResponseVia() {
    }

    /**
     * A copy of {@code received} without its topmost Via, or empty if none would remain. RFC 3261
     * §16.7 step 3: "The proxy removes the topmost Via header field value from the response. If no Via
     * header field values remain in the response, the response was meant for this element and MUST
     * NOT be forwarded."
     */
    public static Optional<Response> pop(Response received) {
        Response copy = (Response) received.clone();
        copy.removeFirst(ViaHeader.NAME);
        return copy.getHeader(ViaHeader.NAME) == null ? Optional.empty() : Optional.of(copy);
    }

    /** True if the topmost Via of {@code response} has this sent-by (a response to a request we forwarded). */
    public static boolean topIsOurs(Response response, ProxyIdentity me) {
        ViaHeader top = (ViaHeader) response.getHeader(ViaHeader.NAME);
        if (top == null) {
            return false;
        }
        int port = top.getPort() <= 0 ? ProxyIdentity.DEFAULT_SIP_PORT : top.getPort();
        return top.getHost().equalsIgnoreCase(me.host()) && port == me.port();
    }
}
