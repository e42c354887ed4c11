package dev.locara.app;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Fields of the plain objects window.locara answers with, read by the page: {@code path} is a key
 * or a dotted path into nested objects ("decode.tokens_per_second").
 */
public final class JsFields {
    private JsFields() {
    }

    /** The field as text; "" when it is missing or null. */
    @JSBody(params = {"o", "path"}, script = "var v = path.split('.').reduce(function (v, k) { return v[k]; }, o);"
            + " return v === undefined || v === null ? '' : String(v);")
    public static native String string(JSObject o, String path);

    @JSBody(params = {"o", "path"}, script = "return Number(path.split('.').reduce(function (v, k) { return v[k]; }, o));")
    public static native double number(JSObject o, String path);

    @JSBody(params = {"o", "path"}, script = "return path.split('.').reduce(function (v, k) { return v[k]; }, o) === true;")
    public static native boolean bool(JSObject o, String path);
}
