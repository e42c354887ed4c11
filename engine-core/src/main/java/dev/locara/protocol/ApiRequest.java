package dev.locara.protocol;

import dev.locara.json.Json;
import java.util.List;
import java.util.Map;

/**
 * A public API request object as the page hands it over: the caller's plain fields as JSON
 * (functions, signals and files are kept aside by the page). A field that is undefined or null
 * counts as absent, as it always has for window.locara; a value JSON cannot hold (NaN, Infinity,
 * a BigInt) arrives as the marker {@link #NON_JSON_KEY} and reads as {@link #NON_JSON}, which no type
 * check accepts.
 */
public final class ApiRequest {
    /** The member the page's JSON.stringify replacer puts in place of a value JSON cannot hold. */
    public static final String NON_JSON_KEY = "\u0000";
    /** What such a value reads as: not a number, string, boolean, array or object. */
    static final Object NON_JSON = new Object() {
        @Override
        public String toString() {
            return "a value JSON cannot hold";
        }
    };

    private final Map<?, ?> fields;

    private ApiRequest(Map<?, ?> fields) {
        this.fields = fields;
    }

    /**
     * The request in {@code json} (null: the caller passed undefined), or null when it is not an
     * object; an array counts as an object without fields, as {@code typeof} says.
     */
    static ApiRequest of(String json) {
        Object v = json == null ? null : value(Json.parse(json));
        if (v instanceof Map<?, ?> m) {
            return new ApiRequest(m);
        }
        return v instanceof List ? new ApiRequest(Map.of()) : null;
    }

    /** Whether {@code json} is a plain object (not an array, not null). */
    static boolean isPlainObject(String json) {
        return json != null && value(Json.parse(json)) instanceof Map;
    }

    /** {@code stream: true}, read apart so that a stream whose fields are bad still fails as a stream. */
    public static boolean wantsStream(String json) {
        ApiRequest r = of(json);
        return r != null && Boolean.TRUE.equals(r.get("stream"));
    }

    static Object value(Object v) {
        return v instanceof Map<?, ?> m && m.size() == 1 && m.containsKey(NON_JSON_KEY) ? NON_JSON : v;
    }

    boolean has(String key) {
        Object v = fields.get(key);
        return v != null && v != Json.NULL;
    }

    Object get(String key) {
        return has(key) ? value(fields.get(key)) : null;
    }

    boolean isString(String key) {
        return get(key) instanceof String;
    }

    String string(String key) {
        return (String) get(key);
    }

    /**
     * A count field as JavaScript's {@code Number()} reads it, which these fields have always
     * accepted: a number, a numeric string ("64"), a boolean; anything else is NaN.
     */
    double coercedNumber(String key) {
        Object v = get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (t.isEmpty()) {
                return 0;
            }
            for (int i = 0; i < t.length(); i++) {
                if ("0123456789+-.eE".indexOf(t.charAt(i)) < 0) {
                    return Double.NaN;
                }
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A whole count from {@code min} to {@code max}, read with {@link #coercedNumber}, or {@code fallback} when absent. */
    int count(String key, int fallback, int min, int max, String rule) {
        if (!has(key)) {
            return fallback;
        }
        double v = coercedNumber(key);
        if (!(v >= min && v <= max) || v != Math.floor(v)) {
            throw new IllegalArgumentException(rule);
        }
        return (int) v;
    }

    /** The caller's own value for a chat message list or a logit bias map, as JSON read it. */
    Object raw(String key) {
        return fields.get(key);
    }
}
