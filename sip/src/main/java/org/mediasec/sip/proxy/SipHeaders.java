package org.mediasec.sip.proxy;

import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;

/** The RI's header and address factories: stateless, so one shared instance each. */
final class SipHeaders {
    static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();
    static final AddressFactory ADDRESSES = new AddressFactoryImpl();

    private SipHeaders() {
    }

    static HeaderFactory headers() {
        return HEADERS;
    }
}
