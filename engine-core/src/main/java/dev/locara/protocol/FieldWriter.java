package dev.locara.protocol;

import java.util.List;

/**
 * Where a {@link Message} puts its fields: a plain JS object in the browser (posted by structured
 * clone, no JSON text on the way), a map on the JVM ({@link MapFields}, which also writes JSON).
 */
public interface FieldWriter {
    /** {@code value} may be null. */
    void string(String key, String value);

    void number(String key, double value);

    void integer(String key, int value);

    void bool(String key, boolean value);

    void ints(String key, int[] values);

    void floats(String key, float[] values);

    void strings(String key, List<String> values);

    /** A value that is not data and is passed as it is: the browser File or Blob of an import. */
    void attachment(String key, Object value);
}
