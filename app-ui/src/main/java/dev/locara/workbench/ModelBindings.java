package dev.locara.workbench;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The browser calls the model manager makes itself (the engine's are on {@link dev.locara.api.LocaraApi}):
 * storage estimate and persistence, the adapter's limits, localStorage, and the small glue that turns
 * window.locara's promises and progress reports into Java callbacks. Each feature is detected: where
 * a browser lacks it, the callback hears that it is unknown.
 */
final class ModelBindings {
    private ModelBindings() {
    }

    /** The settled result of a promise: the value, or the error's code and message. */
    @JSFunctor
    interface Settled extends JSObject {
        void handle(JSObject value, String code, String message);
    }

    /** A progress report: {loaded, total, bytes_per_second, seconds_left} or {stage, step, steps, text}. */
    @JSFunctor
    interface Report extends JSObject {
        void handle(JSObject report);
    }

    /** Numbers a browser API answered with; -1 each where it has none. */
    @JSFunctor
    interface Numbers extends JSObject {
        void handle(double first, double second);
    }

    @JSFunctor
    interface Flag extends JSObject {
        void handle(String answer);
    }

    @JSBody(params = {"promise", "then"}, script = "promise.then(function (v) { then(v, null, null); },"
            + " function (e) { then(null, e && e.code ? e.code : 'error', e && e.message ? e.message : String(e)); });")
    static native void settle(JSObject promise, Settled then);

    @JSBody(params = "handler", script = "return function (p) { handler(p); };")
    static native JSObject function(Report handler);

    @JSBody(script = "return new AbortController();")
    static native JSObject abortController();

    @JSBody(params = "c", script = "return c.signal;")
    static native JSObject signal(JSObject controller);

    @JSBody(params = "c", script = "c.abort();")
    static native void abort(JSObject controller);

    /** navigator.storage.estimate(): (quota, usage) in bytes. */
    @JSBody(params = "then", script = "if (!navigator.storage || !navigator.storage.estimate) { then(-1, -1); return; }"
            + " navigator.storage.estimate().then(function (e) { then(e.quota || -1, e.usage || 0); },"
            + " function () { then(-1, -1); });")
    static native void estimate(Numbers then);

    /**
     * Whether storage is persistent: "granted", "denied" or "unsupported". {@code ask}: ask the browser
     * for it (navigator.storage.persist()); otherwise only look (persisted()).
     */
    @JSBody(params = {"ask", "then"}, script = "var s = navigator.storage;"
            + " var f = s ? (ask ? s.persist : s.persisted) : null; if (!f) { then('unsupported'); return; }"
            + " f.call(s).then(function (p) { then(p ? 'granted' : 'denied'); }, function () { then('unsupported'); });")
    static native void persistence(boolean ask, Flag then);

    /** The adapter's (maxBufferSize, maxStorageBufferBindingSize); the page asks for its own adapter, which costs no device. */
    @JSBody(params = "then", script = "if (!navigator.gpu) { then(-1, -1); return; }"
            + " navigator.gpu.requestAdapter().then(function (a) { if (!a) { then(-1, -1); return; }"
            + " then(a.limits.maxBufferSize, a.limits.maxStorageBufferBindingSize); }, function () { then(-1, -1); });")
    static native void adapterLimits(Numbers then);

    /** navigator.deviceMemory in GiB (Chrome rounds and caps it at 8), 0 where the browser does not say. */
    @JSBody(script = "return navigator.deviceMemory ? navigator.deviceMemory : 0;")
    static native double deviceMemoryGib();

    /** localStorage's value for {@code key}, or null (none, or no localStorage, as in some private windows). */
    @JSBody(params = "key", script = "try { return self.localStorage ? localStorage.getItem(key) : null; }"
            + " catch (e) { return null; }")
    static native String load(String key);

    @JSBody(params = {"key", "value"}, script = "try { if (value === null) { localStorage.removeItem(key); }"
            + " else { localStorage.setItem(key, value); } } catch (e) { }")
    static native void save(String key, String value);

    @JSBody(params = {"o", "key"}, script = "return o[key] || [];")
    static native JSObject list(JSObject o, String key);

    @JSBody(params = "list", script = "return list.length;")
    static native int length(JSObject list);

    @JSBody(params = {"list", "i"}, script = "return list[i];")
    static native JSObject at(JSObject list, int i);
}
