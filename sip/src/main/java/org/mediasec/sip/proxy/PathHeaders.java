package org.mediasec.sip.proxy;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;

import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderAddress;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;

import gov.nist.javax.sip.header.ims.PathHeader;

/**
 * The RFC 3327 {@code Path} header on JAIN-SIP messages. The RI parses {@code Path} into its own
 * {@link PathHeader} (one object per value, order kept); values it could not parse are read from their text.
 */
public final class PathHeaders {
    /** The header name. */
    public static final String NAME = PathHeader.NAME;
    /** RFC 3327 §4: the option tag "path". */
    public static final String OPTION_TAG = "path";

    private PathHeaders() {
    }

    /**
     * The path vector of {@code message}: its Path values, topmost first. RFC 3327 §5.3: "the
     * registrar constructs an ordered list of route elements (a path vector) from the nodes listed in
     * the Path header field values, preserving the order as indicated in the Path header field values."
     *
     * @throws IllegalArgumentException for a Path value that is not a name-addr
     */
    public static List<Address> pathVector(Message message) {
        return addresses(message, NAME);
    }

    /** The name-addr values of every {@code name} header of {@code message}, in order (RI-parsed or from their text). */
    static List<Address> addresses(Message message, String name) {
        List<Address> out = new ArrayList<>();
        ListIterator<?> it = message.getHeaders(name);
        while (it != null && it.hasNext()) {
            Header h = (Header) it.next();
            if (h instanceof HeaderAddress ha && ha.getAddress() != null) {
                out.add((Address) ha.getAddress().clone());
            } else if (h instanceof ExtensionHeader ext) {
                for (String value : splitValues(ext.getValue())) {
                    try {
                        out.add(SipHeaders.ADDRESSES.createAddress(value));
                    } catch (ParseException e) {
                        throw new IllegalArgumentException(name + ": " + value + " (expected: name-addr)", e);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Inserts {@code uri} as the topmost Path value, with {@code lr}. RFC 3327 §5.2: "the proxy inserts
     * a URI for that proxy as the topmost value in the Path header field (or inserts a new topmost Path
     * header) before proxying that request." Path values are routes pushed later by the registrar as
     * loose routes (RFC 3261 §16.6 step 6: "A proxy MUST ensure that all such proxies are loose routers").
     */
    public static void insert(Request register, SipURI uri) {
        SipURI value = (SipURI) uri.clone();
        if (!value.hasLrParam()) {
            value.setLrParam();
        }
        try {
            register.addFirst(SipHeaders.HEADERS.createPathHeader(SipHeaders.ADDRESSES.createAddress(value)));
        } catch (SipException e) {
            throw new IllegalStateException("cannot add Path", e);
        }
    }

    /** Sets the Path of {@code message} to {@code pathVector}, in order (none if empty). */
    public static void set(Message message, List<Address> pathVector) {
        message.removeHeader(NAME);
        for (Address a : pathVector) {
            try {
                message.addLast(SipHeaders.HEADERS.createPathHeader((Address) a.clone()));
            } catch (SipException e) {
                throw new IllegalStateException("cannot add Path", e);
            }
        }
    }

    /** True if a Supported header of {@code message} lists {@code path} (RFC 3327 §5.1: the UA "SHOULD include the option tag "path""). */
    public static boolean supported(Message message) {
        ListIterator<?> it = message.getHeaders(SupportedHeader.NAME);
        while (it != null && it.hasNext()) {
            Object h = it.next();
            String tag = h instanceof SupportedHeader s ? s.getOptionTag() : String.valueOf(h);
            if (tag != null && tag.trim().toLowerCase(Locale.ROOT).equals(OPTION_TAG)) {
                return true;
            }
        }
        return false;
    }

    /** Splits a header value at commas outside quotes and angle brackets. */
    static List<String> splitValues(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                out.add(value.substring(start, i).trim());
                start = i + 1;
            }
        }
        String last = value.substring(start).trim();
        if (!last.isEmpty()) {
            out.add(last);
        }
        return out;
    }
}
