package dev.locara.protocol;

import java.util.List;

/**
 * Reads what a {@link FieldWriter} wrote. A field that is missing or of another type reads as
 * null, NaN, false or an empty array; the message records check what they require.
 */
public interface FieldReader {
    /** The field is there and not null. */
    boolean has(String key);

    String string(String key);

    double number(String key);

    boolean bool(String key);

    int[] ints(String key);

    float[] floats(String key);

    List<String> strings(String key);

    Object attachment(String key);

    /** The field as an int; a missing or fractional one is refused, naming the field. */
    default int integer(String key) {
        double v = number(key);
        if (!(v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) || v != Math.floor(v)) {
            throw new IllegalArgumentException("The message field '" + key + "' must be an integer.");
        }
        return (int) v;
    }
}
