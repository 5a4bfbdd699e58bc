package org.mediasec.h248.iq;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Generalcause} parameter of the generic {@code g/cause} event (H.248.1 Annex E.1.2, RFC 3525:
 * "This parameter groups the failures into six groups, which the MGC may act upon";
 * binary: package g 0x0001, event 0x0001, parameter 0x0001; specs.md §5.5.3).
 */
public enum GeneralCause {
    /** 1 "Normal Release". */
    NR(1),
    /** 2 "Unavailable Resources". */
    UR(2),
    /** 3 "Failure, Temporary". */
    FT(3),
    /** 4 "Failure, Permanent". */
    FP(4),
    /** 5 "Interworking Error". */
    IW(5),
    /** 6 "Unsupported". */
    UN(6);

    private final int value;

    GeneralCause(int value) {
        this.value = value;
    }

    /** The binary value. */
    public int value() {
        return value;
    }

    /** The text token, ignoring case ({@code FP}, {@code fp}); empty for anything else. */
    public static Optional<GeneralCause> parse(String token) {
        try {
            return Optional.of(valueOf(token.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
