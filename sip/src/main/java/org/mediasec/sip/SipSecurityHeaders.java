package org.mediasec.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.header.OptionTag;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Message;

import org.mediasec.sip.secagree.SecurityHeader;
import org.mediasec.sip.secagree.SecurityHeaderDecodeResult;
import org.mediasec.sip.secagree.SecurityHeaderKind;
import org.mediasec.sip.secagree.SecurityHeaderParser;
import org.mediasec.sip.secagree.SecurityHeaderWriter;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;

/**
 * Security-Client/-Server/-Verify on JAIN-SIP messages, through our own parser and writer.
 *
 * <p>Why not the RI's {@code gov.nist.javax.sip.header.ims.SecurityClientHeader} family (checked on
 * 1.3.0-91): {@code HeaderFactory.createHeader} refuses a comma-separated list ("Only singleton
 * allowed"); its message parser splits a list into one object per mechanism and re-encodes it as
 * {@code msrp-tls; mediasec}; it merges duplicate parameters, turns {@code b=} into {@code b},
 * accepts {@code msrp-tls mediasec} as {@code msrp-tls;mediasec}, and moves a line it cannot
 * parse out of the header list. So:
 * <ul>
 * <li>{@link #read} takes every line of the kind that the RI parsed (its re-encoding, which our
 *     parser accepts) plus every line the RI could not parse (kept by the RI as "unparsed" header
 *     text), and decodes them with {@link SecurityHeaderParser#decode}: a malformed line is
 *     reported, never thrown.</li>
 * <li>{@link #add} writes the header as an {@link ExtensionHeader} carrying our canonical text, so
 *     the wire shows exactly {@code msrp-tls;mediasec;q=0.5, bfcp-tls;mediasec;q=0.5}.</li>
 * </ul>
 * Residual limit: the RI's normalisations above happen before we see a received line, so such
 * lines are judged in their normalised form.
 */
public final class SipSecurityHeaders {
    /** RFC 3329 §4.1 option tag; a client that wants sec-agree puts it in Require and Proxy-Require. */
    public static final String SEC_AGREE = "sec-agree";
    /** RFC 3329 §4.2: 494 (Security Agreement Required). */
    public static final int SECURITY_AGREEMENT_REQUIRED = 494;

    private SipSecurityHeaders() {
    }

    /**
     * True if the message lists {@code optionTag} (case-insensitively) in a Require or Proxy-Require
     * header, e.g. {@code sec-agree} (RFC 3329), or {@code mediasec} as Asterisk sends it toward DTAG.
     */
    public static boolean requires(Message message, String optionTag) {
        for (String name : new String[] {RequireHeader.NAME, ProxyRequireHeader.NAME}) {
            ListIterator<?> it = message.getHeaders(name);
            while (it != null && it.hasNext()) {
                Object h = it.next();
                if (h instanceof OptionTag tag && optionTag.equalsIgnoreCase(tag.getOptionTag())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Decodes every header line of this kind in the message; never throws on their content. */
    public static SecurityHeaderDecodeResult read(Message message, SecurityHeaderKind kind) {
        List<String> values = new ArrayList<>();
        ListIterator<?> it = message.getHeaders(kind.headerName());
        while (it != null && it.hasNext()) {
            values.add(valueOf(it.next()));
        }
        if (message instanceof SIPMessage sip) {
            ListIterator<String> unparsed = sip.getUnrecognizedHeaders();
            while (unparsed != null && unparsed.hasNext()) {
                String line = unparsed.next();
                int colon = line == null ? -1 : line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(kind.headerName())) {
                    values.add(stripLineEnd(line.substring(colon + 1)));
                }
            }
        }
        return SecurityHeaderParser.decode(kind, values);
    }

    /** Adds one header line carrying the whole list in canonical form. */
    public static void add(Message message, SecurityHeader header) {
        message.addHeader(toJainSip(header));
    }

    /** Removes every line of this kind (as parsed by the RI or added by {@link #add}). */
    public static void remove(Message message, SecurityHeaderKind kind) {
        message.removeHeader(kind.headerName());
    }

    /** The header as a JAIN-SIP extension header with our canonical value. */
    public static Header toJainSip(SecurityHeader header) {
        ExtensionHeaderImpl h = new ExtensionHeaderImpl(header.kind().headerName());
        h.setValue(SecurityHeaderWriter.write(header));
        return h;
    }

    private static String valueOf(Object header) {
        String value;
        if (header instanceof SIPHeader sip) {
            // both the RI's parsed SecurityClient/-Server/-Verify and our ExtensionHeaderImpl
            value = sip.getHeaderValue();
        } else if (header instanceof ExtensionHeader ext) {
            value = ext.getValue();
        } else {
            String s = String.valueOf(header);
            int colon = s.indexOf(':');
            value = colon < 0 ? s : s.substring(colon + 1);
        }
        return value == null ? null : stripLineEnd(value);
    }

    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(0, end);
    }
}
