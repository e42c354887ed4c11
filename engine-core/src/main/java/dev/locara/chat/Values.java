package dev.locara.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's values and what Jinja does with them. Values are plain Java objects: null (none),
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
            List<Object> out = new ArrayList<>();
            for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
                if (out.size() > 1_000_000) {
                    throw new OperationException("range() is too long");
                }
                out.add(i);
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
        if (v instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(repr(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ", ").append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        return "<function>";
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

    // ---- operators -------------------------------------------------------------------------

    static Object binary(String op, Object a, Object b) {
        switch (op) {
            case "==": return equal(a, b);
            case "!=": return !equal(a, b);
            case "<": return compare(a, b) < 0;
            case "<=": return compare(a, b) <= 0;
            case ">": return compare(a, b) > 0;
            case ">=": return compare(a, b) >= 0;
            case "in": return contains(b, a);
            case "~": return str(a) + str(b);
            case "+":
                if (a instanceof String x && b instanceof String y) {
                    return x + y;
                }
                if (a instanceof List<?> x && b instanceof List<?> y) {
                    List<Object> joined = new ArrayList<>(x);
                    joined.addAll(y);
                    return joined;
                }
                return arithmetic(op, a, b);
            default:
                return arithmetic(op, a, b);
        }
    }

    private static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double || v instanceof Boolean;
    }

    private static double real(Object v) {
        return v instanceof Double d ? d : integer(v);
    }

    private static Object arithmetic(String op, Object a, Object b) {
        if (op.equals("*") && (a instanceof String || b instanceof String) && (isNumber(a) || isNumber(b))) {
            String s = a instanceof String x ? x : (String) b;
            long n = integer(a instanceof String ? b : a);
            StringBuilder sb = new StringBuilder();
            for (long i = 0; i < n && sb.length() < 10_000_000; i++) {
                sb.append(s);
            }
            return sb.toString();
        }
        if (!isNumber(a) || !isNumber(b)) {
            throw new OperationException("cannot apply '" + op + "' to " + typeName(a) + " and " + typeName(b));
        }
        boolean ints = !(a instanceof Double) && !(b instanceof Double);
        switch (op) {
            case "+": return ints ? (Object) (integer(a) + integer(b)) : (Object) (real(a) + real(b));
            case "-": return ints ? (Object) (integer(a) - integer(b)) : (Object) (real(a) - real(b));
            case "*": return ints ? (Object) (integer(a) * integer(b)) : (Object) (real(a) * real(b));
            case "/":
                if (real(b) == 0) {
                    throw new OperationException("division by zero");
                }
                return real(a) / real(b);
            case "//":
            case "%": {
                if (real(b) == 0) {
                    throw new OperationException("division by zero");
                }
                if (ints) {
                    long x = integer(a);
                    long y = integer(b);
                    return op.equals("//") ? Math.floorDiv(x, y) : Math.floorMod(x, y);
                }
                double q = Math.floor(real(a) / real(b));
                return op.equals("//") ? q : real(a) - q * real(b);
            }
            case "**":
                if (ints && integer(b) >= 0) {
                    long r = 1;
                    for (long i = 0; i < integer(b); i++) {
                        r *= integer(a);
                    }
                    return r;
                }
                return Math.pow(real(a), real(b));
            default:
                throw new OperationException("unknown operator '" + op + "'");
        }
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof Undefined || b instanceof Undefined) {
            return a instanceof Undefined && b instanceof Undefined;
        }
        if (a == null || b == null) {
            return a == b;
        }
        if ((a instanceof Long || a instanceof Double) && (b instanceof Long || b instanceof Double)) {
            return real(a) == real(b);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            return Double.compare(real(a), real(b));
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw new OperationException("cannot compare " + typeName(a) + " with " + typeName(b));
    }

    static boolean contains(Object container, Object item) {
        if (container instanceof String s) {
            if (!(item instanceof String)) {
                throw new OperationException("'in <string>' needs a string on the left, not " + typeName(item));
            }
            return s.contains((String) item);
        }
        if (container instanceof Map<?, ?> m) {
            return m.containsKey(str(item));
        }
        if (container instanceof List<?> l) {
            for (Object o : l) {
                if (equal(o, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Undefined || container == null) {
            return false;
        }
        throw new OperationException("cannot test membership in " + typeName(container));
    }

    // ---- item, attribute and method access -------------------------------------------------------

    static Object getItem(Object o, Object key) {
        if (o instanceof Map<?, ?> m) {
            String k = str(key);
            if (m.containsKey(k)) {
                return m.get(k);
            }
            return key instanceof String s ? method(o, s) : new Undefined(k);
        }
        if (key instanceof Long || key instanceof Boolean) {
            long i = integer(key);
            if (o instanceof List<?> l) {
                long at = i < 0 ? i + l.size() : i;
                return at >= 0 && at < l.size() ? l.get((int) at) : new Undefined("[" + i + "]");
            }
            if (o instanceof String s) {
                List<?> chars = iterate(s);
                long at = i < 0 ? i + chars.size() : i;
                return at >= 0 && at < chars.size() ? chars.get((int) at) : new Undefined("[" + i + "]");
            }
        }
        if (key instanceof String name) {
            return method(o, name);
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

    /** A bound method of a string, list or mapping, or Undefined where the name means nothing. */
    private static Object method(Object self, String name) {
        if (self instanceof String s) {
            switch (name) {
                case "strip": case "lstrip": case "rstrip":
                    return (Callable) (a, kw) -> strip(s, a.isEmpty() || a.get(0) == null ? null : str(a.get(0)),
                            !name.equals("rstrip"), !name.equals("lstrip"));
                case "upper": return (Callable) (a, kw) -> s.toUpperCase();
                case "lower": return (Callable) (a, kw) -> s.toLowerCase();
                case "title": return (Callable) (a, kw) -> title(s);
                case "capitalize": return (Callable) (a, kw) -> capitalize(s);
                case "startswith": return (Callable) (a, kw) -> affix(s, a, true);
                case "endswith": return (Callable) (a, kw) -> affix(s, a, false);
                case "split": return (Callable) (a, kw) -> split(s, a.isEmpty() || a.get(0) == null ? null : str(a.get(0)),
                        a.size() > 1 ? integer(a.get(1)) : kw.containsKey("maxsplit") ? integer(kw.get("maxsplit")) : -1);
                case "replace": return (Callable) (a, kw) -> replace(s, a, kw);
                case "find": return (Callable) (a, kw) -> (long) s.indexOf(str(a.get(0)));
                case "count": return (Callable) (a, kw) -> (long) split(s, str(a.get(0)), -1).size() - 1;
                case "join": return (Callable) (a, kw) -> join(a.isEmpty() ? List.of() : iterate(a.get(0)), s);
                case "isdigit": return (Callable) (a, kw) -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
                case "isspace": return (Callable) (a, kw) -> !s.isEmpty() && s.chars().allMatch(Values::isSpace);
                default: return new Undefined(name);
            }
        }
        if (self instanceof Map<?, ?> m) {
            switch (name) {
                case "items": return (Callable) (a, kw) -> items(m);
                case "keys": return (Callable) (a, kw) -> new ArrayList<Object>(m.keySet());
                case "values": return (Callable) (a, kw) -> new ArrayList<Object>(m.values());
                case "get": return (Callable) (a, kw) -> {
                    String k = str(a.get(0));
                    return m.containsKey(k) ? m.get(k) : a.size() > 1 ? a.get(1) : null;
                };
                default: return new Undefined(name);
            }
        }
        return new Undefined(name);
    }

    private static List<Object> items(Map<?, ?> m) {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            List<Object> pair = new ArrayList<>();
            pair.add(e.getKey());
            pair.add(e.getValue());
            out.add(pair);
        }
        return out;
    }

    /** Python's str.isspace() characters, which str.strip() and split() use. */
    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= 0x1c && c <= 0x1f) || c == 0x85;
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int a = 0;
        int b = s.length();
        while (left && a < b && (chars == null ? isSpace(s.charAt(a)) : chars.indexOf(s.charAt(a)) >= 0)) {
            a++;
        }
        while (right && b > a && (chars == null ? isSpace(s.charAt(b - 1)) : chars.indexOf(s.charAt(b - 1)) >= 0)) {
            b--;
        }
        return s.substring(a, b);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase() + s.substring(1).toLowerCase();
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder();
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = !Character.isLetterOrDigit(c);
        }
        return sb.toString();
    }

    private static boolean affix(String s, List<Object> args, boolean prefix) {
        if (args.isEmpty()) {
            throw new OperationException((prefix ? "startswith" : "endswith") + " needs an argument");
        }
        List<?> options = args.get(0) instanceof List<?> l ? l : List.of(args.get(0));
        for (Object o : options) {
            String x = str(o);
            if (prefix ? s.startsWith(x) : s.endsWith(x)) {
                return true;
            }
        }
        return false;
    }

    static List<Object> split(String s, String sep, long max) {
        List<Object> out = new ArrayList<>();
        if (sep == null) { // runs of whitespace, no empty strings
            int i = 0;
            while (true) {
                while (i < s.length() && isSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= s.length()) {
                    return out;
                }
                if (max >= 0 && out.size() == max) {
                    out.add(strip(s.substring(i), null, false, true));
                    return out;
                }
                int j = i;
                while (j < s.length() && !isSpace(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        if (sep.isEmpty()) {
            throw new OperationException("empty separator");
        }
        int from = 0;
        int at;
        while ((max < 0 || out.size() < max) && (at = s.indexOf(sep, from)) >= 0) {
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static String replace(String s, List<Object> a, Map<String, Object> kw) {
        if (a.size() < 2) {
            throw new OperationException("replace needs the old and the new text");
        }
        String old = str(a.get(0));
        String now = str(a.get(1));
        long count = a.size() > 2 ? integer(a.get(2)) : kw.containsKey("count") ? integer(kw.get("count")) : -1;
        if (count < 0) {
            return s.replace(old, now);
        }
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (long n = 0; n < count; n++) {
            int at = s.indexOf(old, from);
            if (at < 0 || (old.isEmpty() && at >= s.length())) {
                break;
            }
            sb.append(s, from, at).append(now);
            from = at + old.length();
            if (old.isEmpty()) {
                sb.append(s.charAt(from));
                from++;
            }
        }
        return sb.append(s.substring(from)).toString();
    }

    private static String join(List<?> items, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            sb.append(i > 0 ? sep : "").append(str(items.get(i)));
        }
        return sb.toString();
    }

    // ---- filters and tests -----------------------------------------------------------------

    static Object filter(String name, Object v, List<Object> a, Map<String, Object> kw) {
        switch (name) {
            case "trim": return strip(str(v), a.isEmpty() ? null : str(a.get(0)), true, true);
            case "upper": return str(v).toUpperCase();
            case "lower": return str(v).toLowerCase();
            case "capitalize": return capitalize(str(v));
            case "title": return title(str(v));
            case "string": return str(v);
            case "safe": case "e": case "escape": case "forceescape":
                // Chat templates render prompts, not HTML: transformers turns autoescape off, so escaping is identity.
                return v instanceof Undefined ? "" : v;
            case "length": case "count":
                if (v instanceof String s) {
                    return (long) s.codePointCount(0, s.length());
                }
                if (v instanceof Map<?, ?> m) {
                    return (long) m.size();
                }
                return (long) iterate(v).size();
            case "default": case "d": {
                Object fallback = a.isEmpty() ? "" : a.get(0);
                boolean onFalsy = a.size() > 1 ? truthy(a.get(1)) : truthy(kw.get("boolean"));
                return v instanceof Undefined || (onFalsy && !truthy(v)) ? fallback : v;
            }
            case "join": {
                String sep = a.isEmpty() ? str(kw.getOrDefault("d", "")) : str(a.get(0));
                List<?> items = iterate(v);
                Object attribute = a.size() > 1 ? a.get(1) : kw.get("attribute");
                if (attribute != null) {
                    List<Object> mapped = new ArrayList<>();
                    for (Object o : items) {
                        mapped.add(getItem(o, attribute));
                    }
                    items = mapped;
                }
                return join(items, sep);
            }
            case "first": {
                List<?> l = iterate(v);
                return l.isEmpty() ? new Undefined("first") : l.get(0);
            }
            case "last": {
                List<?> l = iterate(v);
                return l.isEmpty() ? new Undefined("last") : l.get(l.size() - 1);
            }
            case "list": return new ArrayList<Object>(iterate(v));
            case "reverse": {
                if (v instanceof String s) {
                    return new StringBuilder(s).reverse().toString();
                }
                List<Object> l = new ArrayList<>(iterate(v));
                java.util.Collections.reverse(l);
                return l;
            }
            case "items":
                if (v instanceof Undefined) {
                    return List.of();
                }
                if (!(v instanceof Map<?, ?> m)) {
                    throw new OperationException("items needs a mapping, not " + typeName(v));
                }
                return items(m);
            case "replace": return replace(str(v), a, kw);
            case "tojson": {
                Object indent = a.isEmpty() ? kw.get("indent") : a.get(0);
                return PythonJson.write(v, indent == null ? -1 : (int) integer(indent));
            }
            case "int":
                if (v instanceof String s) {
                    try {
                        return Long.parseLong(s.trim());
                    } catch (NumberFormatException e) {
                        return a.isEmpty() ? 0L : a.get(0);
                    }
                }
                return isNumber(v) ? integer(v) : 0L;
            case "float":
                if (v instanceof String s) {
                    try {
                        return Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        return 0.0;
                    }
                }
                return isNumber(v) ? real(v) : 0.0;
            case "abs":
                return v instanceof Double d ? (Object) Math.abs(d) : (Object) Math.abs(integer(v));
            case "round": {
                long digits = a.isEmpty() ? 0 : integer(a.get(0));
                double scale = Math.pow(10, digits);
                return Math.rint(real(v) * scale) / scale;
            }
            case "unique": {
                List<Object> out = new ArrayList<>();
                for (Object o : iterate(v)) {
                    if (!contains(out, o)) {
                        out.add(o);
                    }
                }
                return out;
            }
            case "indent": {
                long width = a.isEmpty() ? 4 : integer(a.get(0));
                boolean first = a.size() > 1 ? truthy(a.get(1)) : truthy(kw.get("first"));
                StringBuilder padding = new StringBuilder();
                for (long i = 0; i < width; i++) {
                    padding.append(' ');
                }
                String pad = padding.toString();
                String s = str(v).replace("\n", "\n" + pad);
                return first ? pad + s : s;
            }
            case "select": case "reject": case "selectattr": case "rejectattr": {
                boolean byAttribute = name.endsWith("attr");
                boolean keep = name.startsWith("select");
                List<Object> out = new ArrayList<>();
                for (Object o : iterate(v)) {
                    Object subject = byAttribute ? getItem(o, a.isEmpty() ? null : a.get(0)) : o;
                    int testAt = byAttribute ? 1 : 0;
                    boolean pass = a.size() > testAt
                            ? truthy(test(str(a.get(testAt)), subject, new ArrayList<>(a.subList(testAt + 1, a.size()))))
                            : truthy(subject);
                    if (pass == keep) {
                        out.add(o);
                    }
                }
                return out;
            }
            case "map": {
                List<Object> out = new ArrayList<>();
                for (Object o : iterate(v)) {
                    if (kw.containsKey("attribute")) {
                        Object x = getItem(o, kw.get("attribute"));
                        out.add(x instanceof Undefined && kw.containsKey("default") ? kw.get("default") : x);
                    } else if (!a.isEmpty()) {
                        out.add(filter(str(a.get(0)), o, new ArrayList<>(a.subList(1, a.size())), Map.of()));
                    } else {
                        out.add(o);
                    }
                }
                return out;
            }
            case "dictsort": {
                if (!(v instanceof Map<?, ?> m)) {
                    throw new OperationException("dictsort needs a mapping, not " + typeName(v));
                }
                List<Object> out = items(m);
                out.sort((x, y) -> compare(((List<?>) x).get(0), ((List<?>) y).get(0)));
                return out;
            }
            case "sort": {
                List<Object> out = new ArrayList<>(iterate(v));
                Object attribute = kw.get("attribute");
                out.sort((x, y) -> attribute == null ? compare(x, y) : compare(getItem(x, attribute), getItem(y, attribute)));
                if (truthy(kw.get("reverse"))) {
                    java.util.Collections.reverse(out);
                }
                return out;
            }
            case "sum": {
                Object total = 0L;
                for (Object o : iterate(v)) {
                    total = arithmetic("+", total, kw.containsKey("attribute") ? getItem(o, kw.get("attribute")) : o);
                }
                return total;
            }
            default:
                throw new OperationException(TemplateException.Kind.UNSUPPORTED, "the filter '" + name + "' is not supported");
        }
    }

    static Object test(String name, Object v, List<Object> a) {
        switch (name) {
            case "defined": return !(v instanceof Undefined);
            case "undefined": return v instanceof Undefined;
            case "none": return v == null;
            case "string": return v instanceof String;
            case "number": return v instanceof Long || v instanceof Double;
            case "integer": return v instanceof Long;
            case "float": return v instanceof Double;
            case "boolean": return v instanceof Boolean;
            case "true": return Boolean.TRUE.equals(v);
            case "false": return Boolean.FALSE.equals(v);
            case "mapping": return v instanceof Map;
            case "iterable": return v instanceof List || v instanceof Map || v instanceof String;
            case "sequence": return v instanceof List || v instanceof String || v instanceof Map;
            case "callable": return v instanceof Callable;
            case "odd": return integer(v) % 2 != 0;
            case "even": return integer(v) % 2 == 0;
            case "divisibleby": return integer(v) % integer(a.get(0)) == 0;
            case "lower": return v instanceof String s && s.equals(s.toLowerCase());
            case "upper": return v instanceof String s && s.equals(s.toUpperCase());
            case "equalto": case "eq": case "==": case "sameas": return equal(v, a.get(0));
            case "ne": case "!=": return !equal(v, a.get(0));
            case "lt": case "lessthan": case "<": return compare(v, a.get(0)) < 0;
            case "le": case "<=": return compare(v, a.get(0)) <= 0;
            case "gt": case "greaterthan": case ">": return compare(v, a.get(0)) > 0;
            case "ge": case ">=": return compare(v, a.get(0)) >= 0;
            case "in": return contains(a.get(0), v);
            default:
                throw new OperationException(TemplateException.Kind.UNSUPPORTED, "the test '" + name + "' is not supported");
        }
    }
}
