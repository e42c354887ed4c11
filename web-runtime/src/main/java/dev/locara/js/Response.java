package dev.locara.js;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;
import org.teavm.jso.streams.ReadableStream;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** The part of the Fetch API's Response that the runtime reads. */
public interface Response extends JSObject {
    @JSProperty
    int getStatus();

    @JSProperty
    boolean isOk();

    @JSProperty
    ReadableStream getBody();

    @JSProperty
    Headers getHeaders();

    JSPromise<ArrayBuffer> arrayBuffer();

    JSPromise<JSString> text();

    interface Headers extends JSObject {
        String get(String name);
    }
}
