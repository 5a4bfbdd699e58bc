package org.mediasec.agw.bearer;

import java.net.InetAddress;

import org.mediasec.common.Checks;

/**
 * An IP realm of the AGW (TS 23.334 "IP realm"): the local address bearers of one network side bind
 * to and the TCP port range the AGW allocates from when the IMS-ALG asks it to choose ({@code $}).
 *
 * @param name        the realm name as H.248 IP realm indicator ({@code ipdc/realm}) names it
 * @param bindAddress the local address listeners bind to and active connections leave from
 * @param minPort     the first port of the range (inclusive)
 * @param maxPort     the last port of the range (inclusive)
 */
public record Realm(String name, InetAddress bindAddress, int minPort, int maxPort) {
    public Realm {
        Checks.notEmpty(name, "name");
        Checks.notNull(bindAddress, "bindAddress");
        Checks.inRange(minPort, 1, 65535, "minPort");
        Checks.inRange(maxPort, minPort, 65535, "maxPort");
    }

    /** Whether {@code port} is inside the range. */
    public boolean contains(int port) {
        return port >= minPort && port <= maxPort;
    }

    /** Number of ports in the range. */
    public int size() {
        return maxPort - minPort + 1;
    }

    @Override
    public String toString() {
        return name + "(" + bindAddress.getHostAddress() + ":" + minPort + "-" + maxPort + ")";
    }
}
