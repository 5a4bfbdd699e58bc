package org.mediasec.sip.proxy;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.Header;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/** Parses test messages with the RI's own parser (lines joined with CRLF). */
final class Msgs {
    private static final MessageFactoryImpl MESSAGES = new MessageFactoryImpl();
    private static final AddressFactoryImpl ADDRESSES = new AddressFactoryImpl();

    private Msgs() {
    }

    static Request request(String... lines) {
        try {
            return MESSAGES.createRequest(String.join("\r\n", lines) + "\r\n\r\n");
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    static Response response(String... lines) {
        try {
            return MESSAGES.createResponse(String.join("\r\n", lines) + "\r\n\r\n");
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    static URI uri(String s) {
        try {
            return ADDRESSES.createURI(s);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    static Address address(String s) {
        try {
            return ADDRESSES.createAddress(s);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** The values of header {@code name}, topmost first, as the RI encodes them (without the name). */
    static List<String> values(Message m, String name) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = m.getHeaders(name);
        while (it != null && it.hasNext()) {
            String s = ((Header) it.next()).toString().trim();
            out.add(s.substring(s.indexOf(':') + 1).trim());
        }
        return out;
    }

    /** The INVITE of RFC 3327 §5.5.2 F1 (UA2 -> REGISTRAR), with Max-Forwards and a small body added. */
    static Request rfc3327InviteF1() {
        return requestWithBody();
    }

    private static Request requestWithBody() {
        try {
            return MESSAGES.createRequest(String.join("\r\n",
                    "INVITE sip:UA1@EXAMPLEHOME.COM SIP/2.0",
                    "Via: SIP/2.0/UDP 71.91.180.10:5060;branch=z9hG4bKe2i95c5st3R",
                    "To: UA1 <sip:UA1@EXAMPLEHOME.COM>",
                    "From: UA2 <sip:UA2@FOREIGN.ELSEWHERE.ORG>;tag=224497",
                    "Call-ID: 48273181116@71.91.180.10",
                    "CSeq: 29 INVITE",
                    "Contact: <sip:UA2@71.91.180.10>",
                    "Max-Forwards: 70",
                    "Content-Type: text/plain",
                    "Content-Length: 5",
                    "",
                    "hello"));
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
