package org.mediasec.pcscf.sip;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Set;

import javax.sip.header.OptionTag;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Message;

import gov.nist.javax.sip.header.HeaderFactoryImpl;

/** Removes option tags this P-CSCF consumed from Require and Proxy-Require. */
final class OptionTags {
    private static final HeaderFactoryImpl HEADERS = new HeaderFactoryImpl();

    private OptionTags() {
    }

    /** Removes every tag of {@code consumed} (case-insensitively) from Require and Proxy-Require. */
    static void remove(Message m, Set<String> consumed) {
        for (String name : new String[] {RequireHeader.NAME, ProxyRequireHeader.NAME}) {
            List<String> keep = new ArrayList<>();
            boolean changed = false;
            ListIterator<?> it = m.getHeaders(name);
            while (it != null && it.hasNext()) {
                Object h = it.next();
                if (h instanceof OptionTag tag) {
                    if (consumed.stream().anyMatch(c -> c.equalsIgnoreCase(tag.getOptionTag()))) {
                        changed = true;
                    } else {
                        keep.add(tag.getOptionTag());
                    }
                }
            }
            if (!changed) {
                continue;
            }
            m.removeHeader(name);
            try {
                for (String tag : keep) {
                    m.addHeader(name.equals(RequireHeader.NAME) ? HEADERS.createRequireHeader(tag)
                            : HEADERS.createProxyRequireHeader(tag));
                }
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
