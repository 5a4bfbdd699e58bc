package org.mediasec.h248;

import java.util.List;
import java.util.Objects;

/**
 * Annex B {@code propertyParm} / {@code eventOther} / {@code sigOther}: {@code name parmValue}, where
 * the name is a pkgdName or a parameter name. Values are kept as VALUE text: a quoted string keeps
 * its quotes (unless its content is plain SafeChars, see {@link Names#canonicalValue}), so unknown
 * properties and parameters round-trip unchanged.
 */
public record PropertyParm(String name, Value value) {
    public PropertyParm {
        if (!Names.isPkgdName(name)) {
            throw new IllegalArgumentException("name: \"" + name + "\" is not a property/parameter name");
        }
        Objects.requireNonNull(value, "value");
    }

    public static PropertyParm of(String name, String value) {
        return new PropertyParm(name, new Value.Relation(Relation.EQUAL, value));
    }

    /** Annex B {@code parmValue}. */
    public sealed interface Value {
        /** {@code =v}, {@code >v}, {@code <v}, {@code #v}. */
        record Relation(PropertyParm.Relation op, String value) implements Value {
            public Relation {
                Objects.requireNonNull(op, "op");
                value = checkValue(value);
            }
        }

        /** {@code =[a,b,...]} (all of). */
        record AllOf(List<String> values) implements Value {
            public AllOf {
                values = checkValues(values);
            }
        }

        /** {@code ={a,b,...}} (one of). */
        record OneOf(List<String> values) implements Value {
            public OneOf {
                values = checkValues(values);
            }
        }

        /** {@code =[low:high]}. */
        record Range(String low, String high) implements Value {
            public Range {
                low = checkValue(low);
                high = checkValue(high);
            }
        }
    }

    /** Relation of a single-valued parmValue. */
    public enum Relation {
        EQUAL("="), GREATER(">"), LESS("<"), NOT_EQUAL("#");

        private final String symbol;

        Relation(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** Checks a VALUE and returns its canonical text ({@link Names#canonicalValue}). */
    private static String checkValue(String v) {
        if (!Names.isValue(v)) {
            throw new IllegalArgumentException("value: \"" + v + "\" is not a VALUE");
        }
        return Names.canonicalValue(v);
    }

    private static List<String> checkValues(List<String> values) {
        List<String> copy = values.stream().map(PropertyParm::checkValue).toList();
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("values: empty");
        }
        return copy;
    }
}
