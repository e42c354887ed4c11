package dev.locara.chat;

import static dev.locara.chat.Values.integer;
import static dev.locara.chat.Values.iterate;
import static dev.locara.chat.Values.str;

import dev.locara.chat.Values.Callable;
import dev.locara.chat.Values.OperationException;
import dev.locara.chat.Values.Undefined;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Python's methods on strings and dicts ({@code s.strip()}, {@code d.items()}), which the filters share. */
final class Methods {
    private Methods() {
    }

    /** A bound method of a string, list or mapping, or Undefined where the name means nothing. */
    static Object method(Object self, String name) {
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
                case "find": return (Callable) (a, kw) -> {
                    Budget.active().search(s, str(a.get(0)));
                    return (long) s.indexOf(str(a.get(0)));
                };
                case "count": return (Callable) (a, kw) -> (long) split(s, str(a.get(0)), -1).size() - 1;
                case "join": return (Callable) (a, kw) -> join(a.isEmpty() ? List.of() : iterate(a.get(0)), s);
                case "isdigit": return (Callable) (a, kw) -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
                case "isspace": return (Callable) (a, kw) -> !s.isEmpty() && s.chars().allMatch(Methods::isSpace);
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

    static List<Object> items(Map<?, ?> m) {
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

    static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase() + s.substring(1).toLowerCase();
    }

    static String title(String s) {
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
        Budget.active().search(s, sep);
        int from = 0;
        int at;
        while ((max < 0 || out.size() < max) && (at = s.indexOf(sep, from)) >= 0) {
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
        out.add(s.substring(from));
        return out;
    }

    static String replace(String s, List<Object> a, Map<String, Object> kw) {
        if (a.size() < 2) {
            throw new OperationException("replace needs the old and the new text");
        }
        String old = str(a.get(0));
        String now = str(a.get(1));
        long count = a.size() > 2 ? integer(a.get(2)) : kw.containsKey("count") ? integer(kw.get("count")) : -1;
        if (count < 0) {
            count = Long.MAX_VALUE;
        }
        // One pass that checks the length as it grows: a short text replaced by a long one in every place
        // can multiply a string's length by the replacement's.
        Budget budget = Budget.active();
        budget.search(s, old);
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (long n = 0; n < count; n++) {
            budget.length(sb.length() + now.length());
            int at = s.indexOf(old, from);
            if (at < 0) {
                break;
            }
            sb.append(s, from, at).append(now);
            from = at + old.length();
            if (old.isEmpty()) { // Python puts the new text between characters and at both ends
                if (from == s.length()) {
                    return sb.toString();
                }
                sb.append(s.charAt(from));
                from++;
            }
        }
        return sb.append(s.substring(from)).toString();
    }

    static String join(List<?> items, String sep) {
        Budget budget = Budget.active();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            sb.append(i > 0 ? sep : "").append(str(items.get(i)));
            budget.length(sb.length());
        }
        return sb.toString();
    }
}
