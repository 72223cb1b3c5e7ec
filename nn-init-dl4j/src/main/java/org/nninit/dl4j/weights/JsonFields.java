package org.nninit.dl4j.weights;

/**
 * Reads an adapter's fields from a DL4J JSON configuration as strictly as the constructor takes them: the
 * adapters' {@code @JsonCreator} factories receive each field as Jackson parsed it and pass it through here,
 * so a configuration fails at {@code fromJson} with a message naming the field, rather than Jackson filling
 * the fields behind the constructor's back (null as 0, "NaN" as NaN, 2.7 as 2, an enum by position).
 */
final class JsonFields {

    private JsonFields() {
    }

    /** A JSON number (not a string, not null), as a double. */
    static double number(String field, Object value) {
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(field + " must be a JSON number, but found " + field + "="
                    + describe(value));
        }
        return number.doubleValue();
    }

    /** A JSON integer (no fraction, in int range). */
    static int integer(String field, Object value) {
        double d = number(field, value);
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(field + " must be an integer, but found " + field + "=" + value);
        }
        return (int) d;
    }

    /** The name of one of {@code type}'s constants (not its position, not null). */
    static <E extends Enum<E>> E constant(String field, Object value, Class<E> type) {
        if (value instanceof String name) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(name)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                + ", but found " + field + "=" + describe(value));
    }

    /** A JSON boolean. */
    static boolean bool(String field, Object value) {
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(field + " must be true or false, but found " + field + "="
                    + describe(value));
        }
        return b;
    }

    /** A JSON object. */
    static java.util.Map<?, ?> object(String field, Object value) {
        if (!(value instanceof java.util.Map<?, ?> map)) {
            throw new IllegalArgumentException(field + " must be a JSON object, but found " + field + "="
                    + describe(value));
        }
        return map;
    }

    /** A JSON array. */
    static java.util.List<?> array(String field, Object value) {
        if (!(value instanceof java.util.List<?> list)) {
            throw new IllegalArgumentException(field + " must be a JSON array, but found " + field + "="
                    + describe(value));
        }
        return list;
    }

    static String describe(Object value) {
        return value == null ? "null (or missing)" : value instanceof String s ? "\"" + s + "\"" : value.toString();
    }
}
