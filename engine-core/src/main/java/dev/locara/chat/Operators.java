package dev.locara.chat;

import static dev.locara.chat.Values.integer;
import static dev.locara.chat.Values.isNumber;
import static dev.locara.chat.Values.real;
import static dev.locara.chat.Values.str;
import static dev.locara.chat.Values.typeName;
import dev.locara.chat.Values.OperationException;
import dev.locara.chat.Values.Undefined;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Jinja's binary operators, comparison and membership, with Python's numeric rules (floor division, int/float). */
final class Operators {
    private Operators() {
    }

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

    static Object arithmetic(String op, Object a, Object b) {
        if (op.equals("*") && (a instanceof String || b instanceof String) && (isNumber(a) || isNumber(b))) {
            String s = a instanceof String x ? x : (String) b;
            long n = integer(a instanceof String ? b : a);
            Budget.active().repeat(s.length(), n);
            return n <= 0 ? "" : s.repeat((int) n);
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
                    // By squaring: a loop of b multiplications hangs on 2 ** 10**12. Overflow wraps, as before.
                    long base = integer(a);
                    long r = 1;
                    for (long e = integer(b); e > 0; e >>= 1) {
                        if ((e & 1) != 0) {
                            r *= base;
                        }
                        base *= base;
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
            Budget.active().search(s, (String) item);
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
}
