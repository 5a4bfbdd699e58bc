package org.mediasec.sip.proxy;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import org.mediasec.sip.SipTransport;

/** Via insertion with a fresh branch (RFC 3261 §16.6 step 8 and §8.1.1.7). */
public final class ViaBranch {
    /** RFC 3261 §8.1.1.7: "The branch ID inserted by an element compliant with this specification MUST always begin with the characters "z9hG4bK"." */
    public static final String MAGIC_COOKIE = "z9hG4bK";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ViaBranch() {
    }

    /** A branch unique across space and time: the magic cookie and 128 random bits in hex. */
    public static String newBranch() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return MAGIC_COOKIE + HexFormat.of().formatHex(b);
    }

    /**
     * A branch for a request forwarded without a client transaction (an ACK for a 2xx, a CANCEL with
     * no response context): the same for every retransmission of the received request. RFC 3261 §16.11:
     * "the branch parameter MUST be computed as a combinatoric function of message parameters which are
     * invariant on retransmission", recommended as "a hash of the received branch ID" when it begins
     * with the magic cookie, else of the topmost Via, the To and From tags, the Call-ID, the CSeq number
     * and the Request-URI.
     */
    public static String statelessBranch(Request received) {
        ViaHeader top = (ViaHeader) received.getHeader(ViaHeader.NAME);
        String input;
        if (top != null && top.getBranch() != null && top.getBranch().startsWith(MAGIC_COOKIE)) {
            input = top.getBranch();
        } else {
            javax.sip.header.ToHeader to = (javax.sip.header.ToHeader) received.getHeader(javax.sip.header.ToHeader.NAME);
            javax.sip.header.FromHeader from = (javax.sip.header.FromHeader) received.getHeader(javax.sip.header.FromHeader.NAME);
            javax.sip.header.CallIdHeader callId = (javax.sip.header.CallIdHeader) received.getHeader(javax.sip.header.CallIdHeader.NAME);
            javax.sip.header.CSeqHeader cseq = (javax.sip.header.CSeqHeader) received.getHeader(javax.sip.header.CSeqHeader.NAME);
            input = top + "|" + (to == null ? "" : to.getTag()) + "|" + (from == null ? "" : from.getTag()) + "|"
                    + (callId == null ? "" : callId.getCallId()) + "|" + (cseq == null ? "" : cseq.getSeqNumber()) + "|"
                    + received.getRequestURI();
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return MAGIC_COOKIE + "sl" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    /**
     * Inserts our Via as the topmost value. RFC 3261 §16.6 step 8: "The proxy MUST insert a Via header
     * field value into the copy before the existing Via header field values. ... This implies that the
     * proxy will compute its own branch parameter, which will be globally unique for that branch, and
     * contain the requisite magic cookie."
     *
     * @return the inserted header
     */
    public static ViaHeader push(Request copy, String host, int port, SipTransport transport, String branch) {
        if (!branch.startsWith(MAGIC_COOKIE)) {
            throw new IllegalArgumentException("branch: " + branch + " (expected: starting with " + MAGIC_COOKIE + ")");
        }
        try {
            ViaHeader via = SipHeaders.HEADERS.createViaHeader(host, port, transport.name(), branch);
            copy.addFirst(via);
            return via;
        } catch (ParseException | InvalidArgumentException | SipException e) {
            throw new IllegalArgumentException("cannot build Via for " + host + ":" + port + " " + transport, e);
        }
    }
}
