package org.mediasec.msrp.relay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.mediasec.msrp.MsrpRequest;
import org.mediasec.msrp.MsrpUri;

/**
 * Path arithmetic for clients behind an RFC 4976 relay. A client that authenticated to its relay
 * advertises {@code a=path: <Use-Path URIs, reversed> <own URI>} and sends every request through
 * the relay: its To-Path is its own Use-Path followed by the peer's path, its From-Path just its own
 * URI (the relay adds itself to From-Path when it forwards, RFC 4976 §6). RFC 4976 §5.1: "To form
 * the To-Path header for outgoing requests, the client takes the list of URIs in the Use-Path header
 * after the outermost authentication and appends the list of URIs provided in the path attribute in
 * the peer's session description. To form the SDP path attribute to provide to the peer, the client
 * reverses the list of URIs in the Use-Path header (after the outermost authentication), and appends
 * the client's own URI." (§4.2: the Use-Path is "in the same order that the authenticating client
 * uses them in a To-Path header".)
 */
public final class RelayPaths {
    private RelayPaths() {
    }

    /** {@code usePath} reversed, then {@code local}: the {@code a=path} of a client behind a relay. */
    public static List<MsrpUri> advertisedPath(List<MsrpUri> usePath, MsrpUri local) {
        Objects.requireNonNull(local, "local");
        List<MsrpUri> out = new ArrayList<>(usePath.size() + 1);
        for (int i = usePath.size() - 1; i >= 0; i--) {
            out.add(usePath.get(i));
        }
        out.add(local);
        return List.copyOf(out);
    }

    /** {@code usePath} followed by {@code peerPath}: the To-Path of a request sent through our relay. */
    public static List<MsrpUri> toPathVia(List<MsrpUri> usePath, List<MsrpUri> peerPath) {
        if (peerPath.isEmpty()) {
            throw new IllegalArgumentException("peerPath: empty");
        }
        List<MsrpUri> out = new ArrayList<>(usePath.size() + peerPath.size());
        out.addAll(usePath);
        out.addAll(peerPath);
        return List.copyOf(out);
    }

    /** {@code request} with its To-Path prefixed by {@code usePath}; everything else unchanged. */
    public static MsrpRequest viaRelay(MsrpRequest request, List<MsrpUri> usePath) {
        if (usePath.isEmpty()) {
            return request;
        }
        return new MsrpRequest(request.transactionId(), request.method(), toPathVia(usePath, request.toPath()),
                request.fromPath(), request.headers(), request.content(), request.continuation());
    }

    /** {@link #viaRelay(MsrpRequest, List)} with the binding's Use-Path. */
    public static MsrpRequest viaRelay(MsrpRequest request, RelayBinding binding) {
        return viaRelay(request, binding.usePath());
    }
}
