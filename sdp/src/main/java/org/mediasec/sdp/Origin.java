package org.mediasec.sdp;

/**
 * The {@code o=} line (RFC 8866 §5.2):
 * {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}.
 * Components are kept as text: session ids are arbitrary-length digit strings, and H.248 Local and
 * Remote descriptors use {@code -} and {@code $} in them.
 */
public record Origin(String username, String sessionId, String sessionVersion,
                     String netType, String addrType, String address) implements SdpLine {
    public Origin {
        LineList.checkWord(username, "username");
        LineList.checkWord(sessionId, "sessionId");
        LineList.checkWord(sessionVersion, "sessionVersion");
        LineList.checkWord(netType, "netType");
        LineList.checkWord(addrType, "addrType");
        LineList.checkWord(address, "address");
    }

    /** {@code o=- <id> <version> IN IP4|IP6 <address>}, the address type taken from the address form. */
    public static Origin of(String sessionId, String sessionVersion, String address) {
        return new Origin("-", sessionId, sessionVersion, "IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    /** A copy with the session version replaced (RFC 3264 §8: increment it on every new offer). */
    public Origin withSessionVersion(String version) {
        return new Origin(username, sessionId, version, netType, addrType, address);
    }

    @Override
    public char type() {
        return 'o';
    }

    @Override
    public String text() {
        return username + ' ' + sessionId + ' ' + sessionVersion + ' ' + netType + ' ' + addrType + ' ' + address;
    }

    @Override
    public String toString() {
        return line();
    }
}
