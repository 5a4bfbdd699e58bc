package org.mediasec.h248.iq;

import java.util.List;
import java.util.Objects;

import org.mediasec.sdp.Proto;
import org.mediasec.sdp.Setup;

/** Checks shared by the termination records and the readers. */
final class Rules {
    private Rules() {
    }

    static boolean in(List<Proto> set, Proto p) {
        for (Proto q : set) {
            if (q.is(p)) {
                return true;
            }
        }
        return false;
    }

    static Proto known(List<Proto> set, Proto p) {
        for (Proto q : set) {
            if (q.is(p)) {
                return q;
            }
        }
        return p;
    }

    static void media(String media, List<String> formats) {
        Objects.requireNonNull(media, "media");
        if (media.isEmpty() || !media.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
            throw new IllegalArgumentException("media: \"" + media + "\" is not a token");
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("formats: empty (use \"*\" for MSRP, BFCP and TCP)");
        }
    }

    /**
     * Null unless the MG's role and the peer's are the same {@code active} or {@code passive}: two
     * passive ends never connect, two active ends connect to nobody (RFC 4145 §4).
     */
    static String setupConflict(Setup local, RemoteMedia remote) {
        if (local != null && remote != null && remote.setup() == local
                && (local == Setup.ACTIVE || local == Setup.PASSIVE)) {
            return "a=setup:" + local + " in both Local and Remote (one end is active, the other passive)";
        }
        return null;
    }

    /** Null when {@code setup} suits {@code proto} as the MG's own role, else the reason. */
    static String setupProblem(Proto proto, Setup setup) {
        if (setup == Setup.ACTPASS || setup == Setup.HOLDCONN) {
            return "a=setup:" + setup + " in Local: the MGC decides the MG's role (active or passive)";
        }
        if (proto.isTcp() && setup == null) {
            return "a=setup missing in Local for " + proto + " (the MG's TCP role: active or passive)";
        }
        if (!proto.isTcp() && !proto.isTls() && setup != null) {
            return "a=setup:" + setup + " in Local for " + proto + ": setup is for TCP, TLS and DTLS only";
        }
        return null;
    }

    /**
     * An {@code a=path} value for the Local or Remote descriptor (iq-profile.md row 26): null is none;
     * {@code $} is refused (the MGC chooses the AGW's MSRP URIs) as is a URI with white space.
     */
    /** True for {@code m=message} on an application-aware proto, where {@code a=path} is read (row 26). */
    static boolean msrpAware(String media, org.mediasec.sdp.Proto proto) {
        return media.equalsIgnoreCase("message") && proto.isMsrp();
    }

    static List<String> msrpPath(List<String> path, String which) {
        if (path == null) {
            return List.of();
        }
        List<String> copy = List.copyOf(path);
        for (String uri : copy) {
            if (uri.isEmpty() || uri.equals("$") || uri.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(which + " a=path: '" + uri + "' (one MSRP URI per entry, no $)");
            }
        }
        return copy;
    }

    /**
     * Why a Local MSRP path does not fit this termination, or null: iq-profile.md row 26 asks for the mode
     * only on an application-aware proto ({@code TCP/MSRP}, {@code TCP/TLS/MSRP}) of {@code m=message}
     * (the peer's path in Remote is informative on any proto).
     */
    static String msrpPathProblem(String media, org.mediasec.sdp.Proto proto, List<String> local, RemoteMedia remote) {
        if (!local.isEmpty() && !msrpAware(media, proto)) {
            return "a=path on m=" + media + " " + proto + ": MSRP-aware mode needs TCP/MSRP or TCP/TLS/MSRP (row 26)";
        }
        return null;
    }
}
