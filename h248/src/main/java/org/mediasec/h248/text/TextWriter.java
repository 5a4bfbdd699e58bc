package org.mediasec.h248.text;

import java.util.List;

import org.mediasec.h248.MId;

/**
 * Layout shared by the text encoder's parts: tokens in the chosen style, blocks with or without
 * indentation, and the small items (mId) every part writes.
 */
abstract class TextWriter {
    final boolean pretty;
    final StringBuilder sb = new StringBuilder(512);
    int level;

    TextWriter(Style style) {
        this.pretty = style == Style.PRETTY;
    }

    // ---------------------------------------------------------------- layout helpers

    final String tok(String longToken) {
        return pretty ? longToken : Keywords.shortOf(longToken);
    }

    final String eq() {
        return pretty ? " = " : "=";
    }

    final void indent() {
        for (int i = 0; i < level; i++) {
            sb.append('\t');
        }
    }

    /** {@code head { item, item }}; with no items {@code head { }}. */
    final void block(String head, List<Runnable> items) {
        sb.append(head);
        if (items.isEmpty()) {
            sb.append(pretty ? " { }" : "{}");
            return;
        }
        sb.append(pretty ? " {" : "{");
        level++;
        for (int i = 0; i < items.size(); i++) {
            if (pretty) {
                sb.append('\n');
                indent();
            }
            items.get(i).run();
            if (i + 1 < items.size()) {
                sb.append(',');
            }
        }
        level--;
        if (pretty) {
            sb.append('\n');
            indent();
        }
        sb.append('}');
    }

    /** {@code head { a, b }} on one line (short lists of words). */
    final void inlineList(String head, String open, String close, List<String> words) {
        sb.append(head).append(open);
        if (pretty) {
            sb.append(' ');
        }
        sb.append(String.join(pretty ? ", " : ",", words));
        if (pretty) {
            sb.append(' ');
        }
        sb.append(close);
    }

    final void mId(MId id) {
        if (id instanceof MId.Ip4 ip) {
            sb.append('[').append(ip.address()).append(']');
            port(ip.port());
        } else if (id instanceof MId.Ip6 ip) {
            sb.append('[').append(ip.address()).append(']');
            port(ip.port());
        } else if (id instanceof MId.Domain d) {
            sb.append('<').append(d.name()).append('>');
            port(d.port());
        } else if (id instanceof MId.Device d) {
            sb.append(d.name());
        } else if (id instanceof MId.Mtp mtp) {
            sb.append("MTP{").append(mtp.hex()).append('}');
        }
    }

    final void port(Integer port) {
        if (port != null) {
            sb.append(':').append(port);
        }
    }
}
