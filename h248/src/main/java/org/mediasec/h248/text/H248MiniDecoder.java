package org.mediasec.h248.text;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.mediasec.h248.ErrorDescriptor;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.MId;
import org.mediasec.h248.Transaction;
import org.mediasec.h248.TransactionList;
import org.mediasec.h248.text.TextLexer.ParseError;

/**
 * The mini decoder (Erlang megaco's {@code megaco_text_mini_decoder}): reads only the header
 * ({@code MEGACO/version mId}) and the first transaction's kind and id of a message that does not
 * parse, so the layer above can still answer with an error descriptor (H.248.8 400/403/406 ...):
 * a {@code Reply} with the error when the transaction id of a request is known, else a
 * message-level error. Never throws.
 */
public final class H248MiniDecoder {
    private H248MiniDecoder() {
    }

    public static RecoveredHeader recover(byte[] message) {
        int n = Math.min(message.length, 4096);
        return recover(new String(message, 0, n, StandardCharsets.ISO_8859_1), H248CodecConfig.DEFAULT);
    }

    public static RecoveredHeader recover(String message) {
        return recover(message, H248CodecConfig.DEFAULT);
    }

    static RecoveredHeader recover(String message, H248CodecConfig config) {
        String head = message.length() > 4096 ? message.substring(0, 4096) : message;
        TextLexer lx = new TextLexer(head);
        Integer version = null;
        MId mId = null;
        try {
            lx.skipLwsp();
            int at = lx.pos;
            String w = lx.word();
            int slash = w.indexOf('/');
            if (slash < 0) {
                return RecoveredHeader.NONE;
            }
            String prefix = w.substring(0, slash);
            if (!prefix.equalsIgnoreCase("MEGACO") && !prefix.equals("!")) {
                return RecoveredHeader.NONE;
            }
            version = (int) lx.parseNumber(w.substring(slash + 1), "version", 99, at);
            if (!lx.skipLwsp()) {
                return new RecoveredHeader(version, null, null, false);
            }
            TextParser p = new TextParser(head, config.withMaxVersion(3));
            p.lx.pos = lx.pos;
            p.version = Math.max(1, Math.min(version, 3));
            mId = p.mId();
            lx.pos = p.lx.pos;
            String t = Keywords.canonical(lx.word());
            if (t == null || !(t.equals("Transaction") || t.equals("Reply") || t.equals("Pending")
                    || t.equals("Segment"))) {
                return new RecoveredHeader(version, mId, null, false);
            }
            if (!lx.accept('=')) {
                return new RecoveredHeader(version, mId, null, false);
            }
            int idAt = lx.pos;
            String id = lx.word();
            int cut = id.indexOf('/');
            long tid = lx.parseNumber(cut < 0 ? id : id.substring(0, cut), "transaction id", TextParser.UINT32, idAt);
            return new RecoveredHeader(version, mId, tid, t.equals("Transaction"));
        } catch (ParseError | IllegalArgumentException e) {
            return new RecoveredHeader(version, mId, null, false);
        }
    }

    /**
     * The answer to a message that did not decode (H.248.1 §8.2.2, Annex D): a {@code Reply} carrying
     * the error when the transaction id of a request was recovered, otherwise a message-level error
     * descriptor. Sent in the peer's version when it is one we speak, else in {@code ourVersion}.
     *
     * @param ourMId     our own mId (the sender of the answer)
     * @param ourVersion the highest version we speak
     */
    public static H248Message errorReply(DecodeResult.Malformed malformed, MId ourMId, int ourVersion) {
        Objects.requireNonNull(malformed, "malformed");
        RecoveredHeader r = malformed.recovered();
        int version = r.version() != null && r.version() >= 1 && r.version() <= ourVersion ? r.version() : ourVersion;
        // the reason quotes input; keep it printable ASCII and free of double quotes
        String text = malformed.reason().replace('"', '\'').replaceAll("[^\\x20-\\x7e]", "?");
        if (text.length() > 80) {
            text = text.substring(0, 80);
        }
        ErrorDescriptor error = new ErrorDescriptor(malformed.errorCode(), text);
        if (r.request() && r.transactionId() != null) {
            return new H248Message(version, ourMId, TransactionList.of(Transaction.Reply.error(r.transactionId(), error)));
        }
        return new H248Message(version, ourMId, error);
    }
}
