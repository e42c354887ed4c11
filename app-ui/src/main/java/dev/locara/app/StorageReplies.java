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

    /** pinned: verified against the manifest; unpinned: a user model, its hash computed when stored. */
    @JSBody(params = {"id", "file", "bytes", "lastUsed", "pinned", "sha256"},
            script = "return {id: id, object: 'model', file: file, bytes: bytes, last_used: lastUsed, pinned: pinned,"
                    + " sha256: sha256};")
    static native JSObject storedModel(String id, String file, double bytes, double lastUsed, boolean pinned, String sha256);

    @JSBody(params = {"id", "file", "bytes", "sha256", "pinned"},
            script = "return {id: id, object: 'model', stored: true, file: file, bytes: bytes, sha256: sha256,"
                    + " pinned: pinned, verified: pinned};")
    static native JSObject imported(String id, String file, double bytes, String sha256, boolean pinned);

    @JSBody(params = {"data", "total"}, script = "return {object: 'list', data: data, total_bytes: total};")
    static native JSObject storedList(JSArray<JSObject> data, double total);
}
