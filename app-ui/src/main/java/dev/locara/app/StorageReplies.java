package dev.locara.app;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;

/** The values window.locara.models.download / stored / delete resolve to (snake_case, like the rest of the API). */
final class StorageReplies {
    private StorageReplies() {
    }

    @JSBody(params = {"id", "bytes", "sha256"},
            script = "return {id: id, object: 'model', stored: true, bytes: bytes, sha256: sha256};")
    static native JSObject downloaded(String id, double bytes, String sha256);

    @JSBody(params = "id", script = "return {id: id, object: 'model', deleted: true};")
    static native JSObject deleted(String id);

    @JSBody(params = {"id", "file", "bytes", "lastUsed"},
            script = "return {id: id, object: 'model', file: file, bytes: bytes, last_used: lastUsed};")
    static native JSObject storedModel(String id, String file, double bytes, double lastUsed);

    @JSBody(params = {"data", "total"}, script = "return {object: 'list', data: data, total_bytes: total};")
    static native JSObject storedList(JSArray<JSObject> data, double total);
}
