package dev.locara.cache;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.streams.ReadableStreamDefaultReader;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Thin bindings to the Origin Private File System and the storage manager (browser only; the
 * synchronous access handle exists only in workers). Models live in the folder "models"; calls
 * that can fail synchronously return an error text instead of throwing through wasm.
 */
final class Opfs {
    private Opfs() {
    }

    @JSBody(script = "return typeof navigator !== 'undefined' && !!navigator.storage && !!navigator.storage.getDirectory;")
    static native boolean isSupported();

    @JSBody(script = "return navigator.storage.getDirectory()"
            + ".then(function (root) { return root.getDirectoryHandle('models', {create: true}); });")
    static native JSPromise<JSObject> modelsDir();

    /** The file handle, or null when there is no such file. */
    @JSBody(params = {"dir", "name"}, script = "return dir.getFileHandle(name).catch(function (e) {"
            + " if (e && e.name === 'NotFoundError') { return null; } throw e; });")
    static native JSPromise<JSObject> existing(JSObject dir, String name);

    @JSBody(params = {"dir", "name"}, script = "return dir.getFileHandle(name, {create: true});")
    static native JSPromise<JSObject> create(JSObject dir, String name);

    @JSBody(params = {"dir", "name"}, script = "return dir.removeEntry(name).then(function () { return {}; },"
            + " function (e) { if (e && e.name === 'NotFoundError') { return {}; } throw e; });")
    static native JSPromise<JSObject> remove(JSObject dir, String name);

    @JSBody(params = "file", script = "return typeof file.createSyncAccessHandle === 'function';")
    static native boolean hasSyncAccess(JSObject file);

    @JSBody(params = "file", script = "return file.createSyncAccessHandle();")
    static native JSPromise<JSObject> syncHandle(JSObject file);

    /** Writes all of {@code data} at {@code at}; null on success, else the error (e.g. QuotaExceededError). */
    @JSBody(params = {"h", "data", "at"}, script = "try { var n = h.write(data, {at: at});"
            + " return n === data.length ? null : 'short write (' + n + ' of ' + data.length + ' bytes)'; }"
            + " catch (e) { return e.name + ': ' + e.message; }")
    static native String write(JSObject h, Int8Array data, double at);

    @JSBody(params = {"h", "data", "at"}, script = "return h.read(data, {at: at});")
    static native int read(JSObject h, Int8Array data, double at);

    @JSBody(params = "h", script = "return h.getSize();")
    static native double size(JSObject h);

    @JSBody(params = {"h", "size"}, script = "h.truncate(size);")
    static native void truncate(JSObject h, double size);

    @JSBody(params = "h", script = "h.flush(); h.close();")
    static native void close(JSObject h);

    @JSBody(params = "fileHandle", script = "return fileHandle.getFile();")
    static native JSPromise<JSObject> file(JSObject fileHandle);

    @JSBody(params = "file", script = "return file.size;")
    static native double fileSize(JSObject file);

    @JSBody(params = "file", script = "return file.lastModified;")
    static native double lastModified(JSObject file);

    @JSBody(params = "ms", script = "return new Promise(function (resolve) { setTimeout(function () { resolve({}); }, ms); });")
    static native JSPromise<JSObject> sleep(int ms);

    /** The host of an absolute URL, for messages about which host to allow. */
    @JSBody(params = "url", script = "try { return new URL(url).host; } catch (e) { return url; }")
    static native String host(String url);

    @JSBody(params = {"file", "start", "end"}, script = "return file.slice(start, end).arrayBuffer();")
    static native JSPromise<ArrayBuffer> sliceBytes(JSObject file, double start, double end);

    @JSBody(params = {"file", "start", "end"}, script = "return file.slice(start, end).stream().getReader();")
    static native ReadableStreamDefaultReader sliceReader(JSObject file, double start, double end);

    /** [{name, size, lastModified}] of the folder's files. */
    @JSBody(params = "dir", script = "return (async function () { var out = [];"
            + " for await (var entry of dir.values()) { if (entry.kind === 'file') { var f = await entry.getFile();"
            + "  out.push({name: entry.name, size: f.size, lastModified: f.lastModified}); } }"
            + " return out; })();")
    static native JSPromise<JSObject> files(JSObject dir);

    @JSBody(params = {"list", "i", "key"}, script = "return list[i][key];")
    static native String entryString(JSObject list, int i, String key);

    @JSBody(params = {"list", "i", "key"}, script = "return list[i][key];")
    static native double entryNumber(JSObject list, int i, String key);

    @JSBody(params = "list", script = "return list.length;")
    static native int length(JSObject list);

    /** {quota, usage} in bytes, or zeros where the browser does not tell. */
    @JSBody(script = "return navigator.storage.estimate ? navigator.storage.estimate()"
            + " : Promise.resolve({quota: 0, usage: 0});")
    static native JSPromise<JSObject> estimate();

    @JSBody(params = {"o", "key"}, script = "return Number(o[key] || 0);")
    static native double number(JSObject o, String key);

    /** Asks the browser not to evict our storage under pressure; resolves to {granted}. */
    @JSBody(script = "return (navigator.storage.persist ? navigator.storage.persist() : Promise.resolve(false))"
            + ".then(function (g) { return {granted: g}; }, function () { return {granted: false}; });")
    static native JSPromise<JSObject> persist();

    @JSBody(params = "file", script = "return typeof file.move === 'function';")
    static native boolean hasMove(JSObject file);

    @JSBody(params = {"file", "dir", "name"}, script = "return file.move(dir, name).then(function () { return {}; });")
    static native JSPromise<JSObject> move(JSObject file, JSObject dir, String name);

    /** A small file's text, read synchronously (worker only): markers are a few dozen bytes. */
    @JSBody(params = "file", script = "return new FileReaderSync().readAsText(file);")
    static native String text(JSObject file);

    @JSBody(params = "text", script = "return new Int8Array(new TextEncoder().encode(text).buffer);")
    static native Int8Array utf8(String text);
}
