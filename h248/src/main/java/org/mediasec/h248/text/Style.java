package org.mediasec.h248.text;

/** Text encoding style: long tokens with newlines and tabs, or short tokens with minimal white space. */
public enum Style {
    /** Long tokens, one item per line, tab indentation (like Erlang's megaco_pretty_text_encoder). */
    PRETTY,
    /** Short tokens, no optional white space (like Erlang's megaco_compact_text_encoder). */
    COMPACT
}
