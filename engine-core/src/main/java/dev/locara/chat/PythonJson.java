package dev.locara.chat;

import dev.locara.json.JsonWriter;

/**
 * The {@code tojson} filter's output: Python's {@code json.dumps(value, ensure_ascii=False, indent=N)},
 * as transformers renders templates, so numbers are spelled as Python does and undefined is null.
 */
final class PythonJson extends JsonWriter {
    private static final PythonJson ONE_LINE = new PythonJson(-1);

    private PythonJson(int indent) {
        super(indent, ", ", ": ");
    }

    /** {@code value} as tojson writes it; {@code indent} below 0 is one line. */
    static String write(Object value, int indent) {
        return (indent < 0 ? ONE_LINE : new PythonJson(indent)).write(value);
    }

    @Override
    protected String number(double d) {
        return Values.repr(d);
    }

    @Override
    protected void other(StringBuilder sb, Object v) {
        if (v instanceof Values.Undefined) {
            sb.append("null");
        } else {
            quote(sb, Values.str(v));
        }
    }
}
