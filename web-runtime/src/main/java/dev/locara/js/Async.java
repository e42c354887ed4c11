package dev.locara.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * Blocking-style await of a JavaScript promise from a TeaVM fiber.
 *
 * <p>TeaVM 0.16's own {@code JSPromise.await()} breaks on rejection: a rejected Error kills the fiber
 * with a type-incompatibility error and loses the message, and after any exceptional resume the
 * next successful await rethrows the stale exception. So the promise is settled on the JS side
 * first into a value that never rejects, the fiber always resumes normally, and the failure is
 * thrown here, in Java, with the original text.
 */
public final class Async {
    private Async() {
    }

    /**
     * Waits for {@code promise}. Its value must be a JS object type: a JS string or number arrives
     * in Java as a wrapper, and casting it to String fails at run time, so ask for JSString instead.
     */
    public static <T extends JSObject> T await(JSPromise<T> promise) {
        Settled<T> settled = Async.<T>settle(promise).await();
        if (!settled.isOk()) {
            throw new JsException(settled.getError());
        }
        return settled.getValue();
    }

    @JSBody(params = "p", script = "return Promise.resolve(p).then("
            + "function (v) { return {ok: true, value: v}; },"
            + "function (e) { var text = (e && e.message !== undefined) ? e.message : String(e);"
            + "  return {ok: false, error: (e && e.name && e.name !== 'Error' ? e.name + ': ' : '') + text}; });")
    private static native <T> JSPromise<Settled<T>> settle(JSPromise<T> p);
}
