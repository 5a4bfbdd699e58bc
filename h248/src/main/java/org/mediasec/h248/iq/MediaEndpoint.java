package org.mediasec.h248.iq;

import java.util.Objects;

import org.mediasec.sdp.ConnectionData;
import org.mediasec.sdp.MediaDescription;

/**
 * One end of a media stream as the SDP of an H.248 Local or Remote descriptor gives it: the
 * {@code c=} line and the {@code m=} port. In a request's Local descriptor either may be
 * {@code $} ("choose", H.248.1 Annex C / §7.1.8): the MG picks the address or port and returns it in
 * the reply.
 *
 * @param connection the {@code c=} line ({@code c=IN IP4 $} when the MG chooses)
 * @param port       0..65535, or {@link MediaDescription#PORT_CHOOSE} ({@code $})
 */
public record MediaEndpoint(ConnectionData connection, int port) {
    public MediaEndpoint {
        Objects.requireNonNull(connection, "connection");
        if (port != MediaDescription.PORT_CHOOSE && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535 or PORT_CHOOSE)");
        }
        if (connection.address().equals("-")) {
            throw new IllegalArgumentException("connection: the wildcard address \"-\" is not an endpoint");
        }
    }

    /** {@code c=IN IP4 $} and port {@code $}: the MG chooses both (Local descriptor of a reservation). */
    public static MediaEndpoint choose() {
        return new MediaEndpoint(new ConnectionData("IN", "IP4", ConnectionData.CHOOSE), MediaDescription.PORT_CHOOSE);
    }

    /** {@code c=IN IP6 $} and port {@code $}. */
    public static MediaEndpoint chooseIp6() {
        return new MediaEndpoint(new ConnectionData("IN", "IP6", ConnectionData.CHOOSE), MediaDescription.PORT_CHOOSE);
    }

    /** A concrete address ({@code IP4} or {@code IP6} by its form) and port. */
    public static MediaEndpoint of(String address, int port) {
        if (port == MediaDescription.PORT_CHOOSE) {
            throw new IllegalArgumentException("port: use choose() for $");
        }
        return new MediaEndpoint(ConnectionData.of(address), port);
    }

    /** The address as written ({@code $} when the MG chooses). */
    public String address() {
        return connection.host();
    }

    /** True when the address or the port is {@code $}. */
    public boolean isChoose() {
        return connection.isChoose() || port == MediaDescription.PORT_CHOOSE;
    }

    @Override
    public String toString() {
        return address() + ":" + (port == MediaDescription.PORT_CHOOSE ? "$" : Integer.toString(port));
    }
}
