package dev.locara.chat;

import static dev.locara.chat.Methods.capitalize;
import static dev.locara.chat.Methods.items;
import static dev.locara.chat.Methods.join;
import static dev.locara.chat.Methods.replace;
import static dev.locara.chat.Methods.strip;
import static dev.locara.chat.Methods.title;
import static dev.locara.chat.Operators.compare;
import static dev.locara.chat.Operators.contains;
import static dev.locara.chat.Values.getItem;
import static dev.locara.chat.Values.integer;
import static dev.locara.chat.Values.isNumber;
import static dev.locara.chat.Values.real;
import static dev.locara.chat.Values.str;
import static dev.locara.chat.Values.typeName;
import static dev.locara.chat.Values.iterate;
import static dev.locara.chat.Values.truthy;

import dev.locara.chat.Values.OperationException;
import dev.locara.chat.Values.Undefined;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Jinja's filters ({@code x | name(args)}), those chat templates use, as Jinja2 defines them. */
final class Filters {
    private Filters() {
    }

    static Object apply(String name, Object v, List<Object> a, Map<String, Object> kw) {
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
                Values.walk(v, Budget.active()); // a namespace that holds itself would recurse in the writer without end
                return PythonJson.write(v, indent == null ? -1 : (int) Math.max(-1, Math.min(integer(indent), 64)));
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
                String text = str(v);
                long lines = 1 + text.chars().filter(c -> c == '\n').count();
                Budget.active().repeat(Math.max(0, width), lines);
                Budget.active().length(text.length() + lines * Math.max(0, width));
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
                            ? truthy(Tests.apply(str(a.get(testAt)), subject, new ArrayList<>(a.subList(testAt + 1, a.size()))))
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
                        out.add(apply(str(a.get(0)), o, new ArrayList<>(a.subList(1, a.size())), Map.of()));
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
                    total = Operators.arithmetic("+", total, kw.containsKey("attribute") ? getItem(o, kw.get("attribute")) : o);
                }
                return total;
            }
            default:
                throw new OperationException(TemplateException.Kind.UNSUPPORTED, "the filter '" + name + "' is not supported");
        }
    }
}
