package org.mediasec.h248.text;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.mediasec.h248.ErrorCode;
import org.mediasec.h248.H248Message;
import org.mediasec.h248.text.TextLexer.ParseError;

/**
 * H.248.1 Annex B text codec: pure, stateless, thread-safe.
 *
 * <p>{@link #decode} accepts long and short tokens in any case, any legal white space and
 * {@code ;} comments, versions 1 to 3, and never throws on wire input: garbage, truncated, too deep
 * or too large input gives {@link DecodeResult.Malformed} with what could be recovered of the header.
 * {@link #encode} writes {@link Style#PRETTY} or {@link Style#COMPACT}; for every model
 * {@code decode(encode(m, style))} gives back {@code m}.
 *
 * <p>Octets are mapped 1:1 to characters (ISO-8859-1), so SDP bytes survive a round trip unchanged.
 */
public final class H248TextCodec {
    private H248TextCodec() {
    }

    public static DecodeResult decode(byte[] message) {
        return decode(message, H248CodecConfig.DEFAULT);
    }

    public static DecodeResult decode(byte[] message, H248CodecConfig config) {
        Objects.requireNonNull(message, "message");
        if (message.length > config.maxMessageSize()) {
            return tooLarge(new String(message, 0, Math.min(message.length, 512), StandardCharsets.ISO_8859_1),
                    message.length, config);
        }
        return decode(new String(message, StandardCharsets.ISO_8859_1), config);
    }

    public static DecodeResult decode(String message) {
        return decode(message, H248CodecConfig.DEFAULT);
    }

    public static DecodeResult decode(String message, H248CodecConfig config) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(config, "config");
        if (message.length() > config.maxMessageSize()) {
            return tooLarge(message.substring(0, Math.min(message.length(), 512)), message.length(), config);
        }
        TextParser parser = new TextParser(message, config);
        try {
            return new DecodeResult.Ok(parser.message());
        } catch (ParseError e) {
            return malformed(e.getMessage(), e.position, parser, message, config);
        } catch (TextParser.VersionError e) {
            return new DecodeResult.Malformed(e.getMessage(), e.position, ErrorCode.VERSION_NOT_SUPPORTED,
                    H248MiniDecoder.recover(message, config));
        } catch (IllegalArgumentException e) {
            // a value the model rejects (e.g. an out-of-range field) is a syntax error too
            return malformed(e.getMessage(), parser.lx.pos, parser, message, config);
        }
    }

    private static DecodeResult malformed(String reason, int position, TextParser parser, String message,
                                          H248CodecConfig config) {
        RecoveredHeader seen = parser.recovered();
        RecoveredHeader mini = H248MiniDecoder.recover(message, config);
        RecoveredHeader r = new RecoveredHeader(
                seen.version() != null ? seen.version() : mini.version(),
                seen.mId() != null ? seen.mId() : mini.mId(),
                seen.transactionId() != null ? seen.transactionId() : mini.transactionId(),
                seen.transactionId() != null ? seen.request() : mini.request());
        ErrorCode code = r.request() && r.transactionId() != null
                ? ErrorCode.SYNTAX_ERROR_IN_TRANSACTION_REQUEST : ErrorCode.SYNTAX_ERROR_IN_MESSAGE;
        return new DecodeResult.Malformed(reason, position, code, r);
    }

    private static DecodeResult tooLarge(String head, int size, H248CodecConfig config) {
        return new DecodeResult.Malformed("message of " + size + " octets exceeds " + config.maxMessageSize(),
                config.maxMessageSize(), ErrorCode.SYNTAX_ERROR_IN_MESSAGE, H248MiniDecoder.recover(head, config));
    }

    /** The message as text in the given style. */
    public static String encodeToString(H248Message message, Style style) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(style, "style");
        return TextEncoder.encode(message, style);
    }

    /** The message as octets (ISO-8859-1) in the given style. */
    public static byte[] encode(H248Message message, Style style) {
        return encodeToString(message, style).getBytes(StandardCharsets.ISO_8859_1);
    }
}
