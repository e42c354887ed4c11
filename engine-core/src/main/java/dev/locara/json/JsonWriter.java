package dev.locara.json;

import java.util.List;
import java.util.Map;

/**
 * Writes the values {@link Json} reads (maps, lists, strings, booleans, Long, Double, {@link Json#NULL}
 * or Java null) back as JSON text. {@link #COMPACT} is plain RFC 8259 on one line, for messages and
 * files; chat templates need Python's {@code json.dumps} layout instead, so the separators, the indent
 * and the spelling of numbers and foreign values are the writer's settings.
 */
public class JsonWriter {
    /** One line, no spaces: {@code {"a":[1,2.5]}}. */
    public static final JsonWriter COMPACT = new JsonWriter(-1, ",", ":");

    /** Two spaces a level, an item a line, {@code "key": value}: for files that people read, such as benchmark results. */
    public static final JsonWriter PRETTY = new JsonWriter(2, ",", ": ");

    /** Nesting deeper than this is refused, as {@link Json} refuses to read it. */
    private static final int MAX_DEPTH = Json.MAX_DEPTH;

    private final int indent;
    private final String itemSeparator;
    private final String keySeparator;

    /**
     * @param indent spaces per level, each item on its own line; below 0, everything on one line
     * @param itemSeparator written between items on one line (a line break replaces it when indenting,
     *     after a comma)
     * @param keySeparator written between a member's name and its value
     */
    public JsonWriter(int indent, String itemSeparator, String keySeparator) {
        this.indent = indent;
        this.itemSeparator = itemSeparator;
        this.keySeparator = keySeparator;
    }

    /** {@code value} as JSON text; a value of another type is written as {@link #other} says. */
    public final String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    /** A double as JSON: Java's shortest round-trip form; NaN and infinities, which JSON lacks, as null. */
    protected String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /** A value that is no JSON type; by default its text, quoted. */
    protected void other(StringBuilder sb, Object v) {
        quote(sb, String.valueOf(v));
    }

    private void write(StringBuilder sb, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            throw new JsonException("Cannot write JSON nested deeper than " + MAX_DEPTH + " levels.");
        }
        if (v == null || v == Json.NULL) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Long || v instanceof Integer) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(number(((Number) v).doubleValue()));
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int k = 0; k < list.size(); k++) {
                separator(sb, k > 0, depth + 1);
                write(sb, list.get(k), depth + 1);
            }
            newline(sb, depth);
            sb.append(']');
        } else if (v instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                separator(sb, !first, depth + 1);
                first = false;
                if (e.getKey() instanceof String key) {
                    quote(sb, key);
                } else {
                    other(sb, e.getKey());
                }
                sb.append(keySeparator);
                write(sb, e.getValue(), depth + 1);
            }
            newline(sb, depth);
            sb.append('}');
        } else {
            other(sb, v);
        }
    }

    private void separator(StringBuilder sb, boolean comma, int depth) {
        if (comma) {
            sb.append(indent >= 0 ? "," : itemSeparator);
        }
        newline(sb, depth);
    }

    private void newline(StringBuilder sb, int depth) {
        if (indent >= 0) {
            sb.append('\n');
            sb.append(" ".repeat(indent * depth));
        }
    }

    /** {@code str} as a JSON string; only what JSON requires is escaped, so non-ASCII text stays readable. */
    public static void quote(StringBuilder sb, String str) {
        sb.append('"');
        for (int k = 0; k < str.length(); k++) {
            char c = str.charAt(k);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        String hex = Integer.toHexString(c);
                        sb.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
