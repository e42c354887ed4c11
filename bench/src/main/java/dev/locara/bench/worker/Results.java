package dev.locara.bench.worker;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** The figures one benchmark step posts back: a plain JS object, which Playwright hands to the JVM as a map. */
final class Results {
    final JSObject object = create();

    Results put(String key, double value) {
        setNumber(object, key, value);
        return this;
    }

    Results put(String key, String value) {
        setString(object, key, value);
        return this;
    }

    Results put(String key, boolean value) {
        setBoolean(object, key, value);
        return this;
    }

    Results put(String key, int[] values) {
        setInts(object, key, values);
        return this;
    }

    Results put(String key, String[] values) {
        setStrings(object, key, values);
        return this;
    }

    Results put(String key, Results nested) {
        setObject(object, key, nested.object);
        return this;
    }

    void post() {
        postMessage(object);
    }

    @JSBody(script = "return {};")
    private static native JSObject create();

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    private static native void setNumber(JSObject o, String k, double v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    private static native void setString(JSObject o, String k, String v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    private static native void setBoolean(JSObject o, String k, boolean v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = Array.from(v);")
    private static native void setInts(JSObject o, String k, int[] v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = Array.from(v);")
    private static native void setStrings(JSObject o, String k, String[] v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    private static native void setObject(JSObject o, String k, JSObject v);

    @JSBody(params = "o", script = "self.postMessage(o);")
    private static native void postMessage(JSObject o);
}
