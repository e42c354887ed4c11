package dev.locara.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's values, their conversions (truthiness, str(), repr()) and item access; {@link Operators},
 * {@link Filters}, {@link Tests} and {@link Methods} do the rest. Values are plain Java objects: null (none),
 * {@link Undefined}, Boolean, Long, Double, String, List, Map (string keys, in order),
 * {@link Namespace} and {@link Callable}. Python's semantics are followed where templates can tell
 * (truthiness, str(), slicing, floor division), since chat templates are written against Jinja2.
 */
final class Values {
    private Values() {
    }

    /** A name or key that does not exist: renders as "", is falsy, iterates as empty. */
    static final class Undefined {
        final String name;

        Undefined(String name) {
            this.name = name;
        }
    }

    /** namespace(): the one value whose attributes a template may assign, to carry state out of loops. */
    static final class Namespace extends LinkedHashMap<String, Object> {
    }

    @FunctionalInterface
    interface Callable {
        Object call(List<Object> args, Map<String, Object> kwargs);
    }

    /** An operation the values do not allow; the node that ran it adds the position. */
    static class OperationException extends RuntimeException {
        final TemplateException.Kind kind;

        OperationException(String message) {
            this(TemplateException.Kind.RUNTIME, message);
        }

        OperationException(TemplateException.Kind kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    /** raise_exception(message) from the template. */
    static final class RaisedException extends RuntimeException {
        RaisedException(String message) {
            super(message);
        }
    }

    /** The functions every template sees. */
    static Map<String, Object> globals() {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("raise_exception", (Callable) (args, kw) -> {
            throw new RaisedException(args.isEmpty() ? "The chat template refused this conversation." : str(args.get(0)));
        });
        g.put("namespace", (Callable) (args, kw) -> {
            Namespace ns = new Namespace();
            for (Object a : args) {
                if (a instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        ns.put(str(e.getKey()), e.getValue());
                    }
                }
            }
            ns.putAll(kw);
            return ns;
        });
        g.put("range", (Callable) (args, kw) -> {
            long start = 0;
            long stop;
            long step = 1;
            if (args.size() == 1) {
                stop = integer(args.get(0));
            } else if (args.size() >= 2) {
                start = integer(args.get(0));
                stop = integer(args.get(1));
                step = args.size() > 2 ? integer(args.get(2)) : 1;
            } else {
                throw new OperationException("range() needs at least one argument");
            }
            if (step == 0) {
                throw new OperationException("range() step must not be zero");
            }
            // The length first, in doubles (stop - start can overflow a long), so that a huge range is refused
            // before any of it is built.
            double length = Math.max(0, Math.ceil(((double) stop - (double) start) / step));
            Budget.active().items((long) Math.min(length, Long.MAX_VALUE));
            List<Object> out = new ArrayList<>();
            for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
                out.add(i);
                if (step > 0 ? i > Long.MAX_VALUE - step : i < Long.MIN_VALUE - step) {
                    break; // the next i would wrap around
                }
            }
            return out;
        });
        g.put("dict", (Callable) (args, kw) -> new LinkedHashMap<>(kw));
        return g;
    }

    // ---- conversions -----------------------------------------------------------------------

    static boolean truthy(Object v) {
        if (v == null || v instanceof Undefined) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    /** Python's str(). */
    static String str(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Undefined) {
            return "";
        }
        return repr(v);
    }

    /** Python's repr(), which str() of a list or dict uses for its items. */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Undefined) {
            return "";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Long l) {
            return Long.toString(l);
        }
        if (v instanceof Double d) {
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16) {
                return Long.toString(d.longValue()) + ".0";
            }
            return Double.toString(d);
        }
        if (v instanceof String s) {
            return s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? "\"" + s + "\"" : "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            // A namespace may hold itself, and a list may hold the same list twice at every level: depth and
            // length are checked as the text grows.
            Budget budget = Budget.active();
            budget.enter();
            try {
                return container(v, budget);
            } finally {
                budget.leave();
            }
        }
        return "<function>";
    }

    /** Visits every value inside {@code v}, charging each and checking the nesting depth. */
    static void walk(Object v, Budget budget) {
        budget.work(1);
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            budget.enter();
            try {
                for (Object item : v instanceof List<?> l ? l : ((Map<?, ?>) v).values()) {
                    walk(item, budget);
                }
            } finally {
                budget.leave();
            }
        }
    }

    private static String container(Object v, Budget budget) {
        StringBuilder sb = new StringBuilder();
        if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(repr(list.get(i)));
                budget.length(sb.length());
            }
            return sb.append(']').toString();
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
            sb.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            budget.length(sb.length());
            first = false;
        }
        return sb.append('}').toString();
    }

    static String typeName(Object v) {
        if (v == null) {
            return "none";
        }
        if (v instanceof Undefined u) {
            return "undefined '" + u.name + "'";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Long || v instanceof Double) {
            return "a number";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        return "a function";
    }

    static long integer(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return (long) (double) d;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new OperationException("expected an integer, got " + typeName(v));
    }

    static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    static double real(Object v) {
        return v instanceof Double d ? d : integer(v);
    }

    static List<?> iterate(Object v) {
        if (v instanceof Undefined) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l;
        }
        if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        if (v instanceof String s) {
            Budget.active().items(s.codePointCount(0, s.length()));
            List<Object> chars = new ArrayList<>();
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                chars.add(new String(Character.toChars(cp)));
                i += Character.charCount(cp);
            }
            return chars;
        }
        throw new OperationException(typeName(v) + " is not iterable");
    }

    // ---- item and slice access -------------------------------------------------------------

    static Object getItem(Object o, Object key) {
        if (o instanceof Map<?, ?> m) {
            String k = str(key);
            if (m.containsKey(k)) {
                return m.get(k);
            }
            return key instanceof String s ? Methods.method(o, s) : new Undefined(k);
        }
        if (key instanceof Long || key instanceof Boolean) {
            long i = integer(key);
            if (o instanceof List<?> l) {
                long at = i < 0 ? i + l.size() : i;
                return at >= 0 && at < l.size() ? l.get((int) at) : new Undefined("[" + i + "]");
            }
            if (o instanceof String s) {
                // By code point offset, not by iterate(): s[i] in a loop would copy the string every turn.
                int n = s.codePointCount(0, s.length());
                long at = i < 0 ? i + n : i;
                if (at < 0 || at >= n) {
                    return new Undefined("[" + i + "]");
                }
                Budget.active().work(s.length());
                int from = s.offsetByCodePoints(0, (int) at);
                return s.substring(from, s.offsetByCodePoints(from, 1));
            }
        }
        if (key instanceof String name) {
            return Methods.method(o, name);
        }
        return new Undefined(str(key));
    }

    static Object slice(Object o, Object start, Object stop, Object step) {
        List<?> items = o instanceof String s ? iterate(s) : o instanceof List<?> l ? l : null;
        if (items == null) {
            if (o instanceof Undefined) {
                return o;
            }
            throw new OperationException("cannot slice " + typeName(o));
        }
        int n = items.size();
        long st = step == null ? 1 : integer(step);
        if (st == 0) {
            throw new OperationException("slice step cannot be zero");
        }
        long a;
        long b;
        if (st > 0) {
            a = start == null ? 0 : clamp(integer(start), n, 0, n);
            b = stop == null ? n : clamp(integer(stop), n, 0, n);
        } else {
            a = start == null ? n - 1 : clamp(integer(start), n, -1, n - 1);
            b = stop == null ? -1 : clamp(integer(stop), n, -1, n - 1);
        }
        List<Object> out = new ArrayList<>();
        for (long i = a; st > 0 ? i < b : i > b; i += st) {
            out.add(items.get((int) i));
        }
        if (o instanceof String) {
            StringBuilder sb = new StringBuilder();
            for (Object c : out) {
                sb.append((String) c);
            }
            return sb.toString();
        }
        return out;
    }

    private static long clamp(long i, int n, long lo, long hi) {
        if (i < 0) {
            i += n;
        }
        return Math.max(lo, Math.min(hi, i));
    }
}
