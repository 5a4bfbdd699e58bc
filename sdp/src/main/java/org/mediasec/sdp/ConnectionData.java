package org.mediasec.sdp;

/**
 * The {@code c=} line (RFC 8866 §5.7): {@code c=<nettype> <addrtype> <connection-address>}. The
 * address is kept as written, including any {@code /ttl/count} suffix, or H.248's {@code $}
 * ("choose") and {@code -} in H.248 mode.
 */
public record ConnectionData(String netType, String addrType, String address) implements SdpLine {
    /** H.248 "choose" value: the gateway fills it in (H.248.1 Annex C, SDP with {@code $}). */
    public static final String CHOOSE = "$";

    public ConnectionData {
        LineList.checkWord(netType, "netType");
        LineList.checkWord(addrType, "addrType");
        LineList.checkWord(address, "address");
    }

    /** {@code IN IP4 <address>} or {@code IN IP6 <address>}, by the form of the address. */
    public static ConnectionData of(String address) {
        return new ConnectionData("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
    }

    /** The address without a multicast {@code /ttl} or {@code /count} suffix. */
    public String host() {
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }

    /** True for the H.248 {@code $} address. */
    public boolean isChoose() {
        return CHOOSE.equals(address);
    }

    @Override
    public char type() {
        return 'c';
    }

    @Override
    public String text() {
        return netType + ' ' + addrType + ' ' + address;
    }

    @Override
    public String toString() {
        return line();
    }
}
