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
}
