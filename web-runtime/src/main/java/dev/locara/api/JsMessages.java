package dev.locara.api;

import dev.locara.protocol.FieldReader;
import dev.locara.protocol.FieldWriter;
import dev.locara.protocol.Message;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * Protocol messages as the plain JS objects that postMessage copies: the fields that
 * {@link Message}'s tables define, set and read one by one, with no JSON text on the way (a token
 * message costs what the hand-built object literal did). Arrays of numbers travel as typed arrays.
 */
public final class JsMessages {
    private JsMessages() {
    }

    public static JSObject encode(Message m) {
        Fields f = new Fields(create());
        Message.write(m, f);
        return f.o;
    }

    /** The fields of a posted message, for {@link Request#read} or {@link Reply#read}. */
    public static FieldReader fields(JSObject message) {
        return new Fields(message);
    }

    private static final class Fields implements FieldWriter, FieldReader {
        private final JSObject o;

        Fields(JSObject o) {
            this.o = o;
        }

        @Override
        public void string(String key, String value) {
            setString(o, key, value);
        }

        @Override
        public void number(String key, double value) {
            setNumber(o, key, value);
        }

        @Override
        public void integer(String key, int value) {
            setInt(o, key, value);
        }

        @Override
        public void bool(String key, boolean value) {
            setBool(o, key, value);
        }

        @Override
        public void ints(String key, int[] values) {
            setObject(o, key, Int32Array.copyFromJavaArray(values));
        }

        @Override
        public void floats(String key, float[] values) {
            setObject(o, key, Float32Array.copyFromJavaArray(values));
        }

        @Override
        public void strings(String key, List<String> values) {
            setObject(o, key, array(values.toArray(new String[0])));
        }

        @Override
        public void attachment(String key, Object value) {
            setObject(o, key, (JSObject) value);
        }

        @Override
        public boolean has(String key) {
            return isSet(o, key);
        }

        @Override
        public String string(String key) {
            return getString(o, key);
        }

        @Override
        public double number(String key) {
            return getNumber(o, key);
        }

        @Override
        public boolean bool(String key) {
            return getBool(o, key);
        }

        @Override
        public int[] ints(String key) {
            return getInts(o, key).copyToJavaArray();
        }

        @Override
        public float[] floats(String key) {
            return getFloats(o, key).copyToJavaArray();
        }

        @Override
        public List<String> strings(String key) {
            List<String> out = new ArrayList<>();
            for (int i = 0, n = stringCount(o, key); i < n; i++) {
                out.add(stringAt(o, key, i));
            }
            return out;
        }

        @Override
        public Object attachment(String key) {
            return isSet(o, key) ? getObject(o, key) : null;
        }
    }

    @JSBody(script = "return {};")
    private static native JSObject create();

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    private static native void setString(JSObject o, String k, String v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    private static native void setNumber(JSObject o, String k, double v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    private static native void setInt(JSObject o, String k, int v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    private static native void setBool(JSObject o, String k, boolean v);

    @JSBody(params = {"o", "k", "v"}, script = "o[k] = v;")
    private static native void setObject(JSObject o, String k, JSObject v);

    @JSBody(params = "v", script = "return Array.from(v);")
    private static native JSObject array(String[] v);

    @JSBody(params = {"o", "k"}, script = "return o[k] !== undefined && o[k] !== null;")
    private static native boolean isSet(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return typeof o[k] === 'string' ? o[k] : null;")
    private static native String getString(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return typeof o[k] === 'number' ? o[k] : NaN;")
    private static native double getNumber(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return o[k] === true;")
    private static native boolean getBool(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "var v = o[k]; return v instanceof Int32Array ? v"
            + " : Int32Array.from(Array.isArray(v) ? v : []);")
    private static native Int32Array getInts(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "var v = o[k]; return v instanceof Float32Array ? v"
            + " : Float32Array.from(Array.isArray(v) ? v : []);")
    private static native Float32Array getFloats(JSObject o, String k);

    @JSBody(params = {"o", "k"}, script = "return Array.isArray(o[k]) ? o[k].length : 0;")
    private static native int stringCount(JSObject o, String k);

    @JSBody(params = {"o", "k", "i"}, script = "return String(o[k][i]);")
    private static native String stringAt(JSObject o, String k, int i);

    @JSBody(params = {"o", "k"}, script = "return o[k];")
    private static native JSObject getObject(JSObject o, String k);
}
