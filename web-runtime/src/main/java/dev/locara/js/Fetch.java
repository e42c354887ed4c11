package dev.locara.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.core.JSPromise;

/** fetch() from Java, awaited; network failures become {@link JsException}s with their message. */
public final class Fetch {
    private Fetch() {
    }

    public static Response get(String url) {
        return Async.await(fetch(url, null));
    }

    /** A GET with a {@code Range: bytes=...} header; {@code end} is inclusive, -1 for "to the end". */
    public static Response getRange(String url, long start, long end) {
        return Async.await(fetch(url, "bytes=" + start + "-" + (end < 0 ? "" : String.valueOf(end))));
    }

    @JSBody(params = {"url", "range"}, script = "return fetch(url, range === null ? {} : {headers: {Range: range}});")
    private static native JSPromise<Response> fetch(String url, String range);
}
