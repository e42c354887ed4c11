package dev.locara.js;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** The outcome of a promise as {@link Async#await} sees it: {ok, value} or {ok: false, error}. */
interface Settled<T> extends JSObject {
    @JSProperty
    boolean isOk();

    @JSProperty
    T getValue();

    @JSProperty
    String getError();
}
