package dev.locara.chat;

import static dev.locara.chat.Operators.compare;
import static dev.locara.chat.Operators.contains;
import static dev.locara.chat.Operators.equal;
import static dev.locara.chat.Values.integer;

import dev.locara.chat.Values.Callable;
import dev.locara.chat.Values.OperationException;
import dev.locara.chat.Values.Undefined;
import java.util.List;
import java.util.Map;

/** Jinja's tests ({@code x is name(args)}), as Jinja2 defines them. */
final class Tests {
    private Tests() {
    }

    static Object apply(String name, Object v, List<Object> a) {
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
