package dev.locara.storage;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;

/**
 * The IndexedDB glue the page's stores share (conversations, documents): open with the object stores
 * created on upgrade, read a whole store, and write in one transaction. Each call settles exactly once:
 * errors thrown at once (a closed database) and those reported later (an aborted transaction) both
 * reach {@code failed} with the DOMException's name and message, which each store turns into its
 * own sentence. A write completes when its transaction does, so "ok" means the data is committed.
 */
public final class IndexedDb {
    private IndexedDb() {
    }

    @JSFunctor
    public interface Opened extends JSObject {
        void opened(JSObject db);
    }

    @JSFunctor
    public interface Loaded extends JSObject {
        void loaded(JSArray<JSObject> records);
    }

    @JSFunctor
    public interface Done extends JSObject {
        void done();
    }

    /** A DOMException's name and message (both always strings). */
    @JSFunctor
    public interface Failed extends JSObject {
        void failed(String name, String message);
    }

    /** Whether this browser has IndexedDB (it may be missing, or refused, in private windows). */
    @JSBody(script = "return typeof indexedDB !== 'undefined' && indexedDB !== null;")
    public static native boolean isSupported();

    /**
     * Opens (and on first use creates) {@code name}, with each of {@code stores} keyed by "id". A
     * connection closes itself when another tab upgrades the database, so that tab is not blocked.
     */
    @JSBody(params = {"name", "version", "stores", "ok", "failed"}, script = "var done = false;"
            + " function fail(e, n) { if (!done) { done = true; failed(n || (e && e.name) || 'Error',"
            + " String(e && e.message || '')); } }"
            + " try { var r = indexedDB.open(name, version);"
            + " r.onupgradeneeded = function () { stores.forEach(function (s) {"
            + " if (!r.result.objectStoreNames.contains(s)) { r.result.createObjectStore(s, {keyPath: 'id'}); } }); };"
            + " r.onsuccess = function () { var db = r.result; if (done) { db.close(); return; } done = true;"
            + " db.onversionchange = function () { db.close(); }; ok(db); };"
            + " r.onerror = function (e) { e.preventDefault(); fail(r.error); };"
            + " r.onblocked = function () { fail(null, 'Blocked'); };"
            + " } catch (e) { fail(e); }")
    public static native void open(String name, int version, JSArray<JSString> stores, Opened ok, Failed failed);

    @JSBody(params = "db", script = "db.close();")
    public static native void close(JSObject db);

    /** Every record of {@code store}. */
    @JSBody(params = {"db", "store", "ok", "failed"}, script = "try { var tx = db.transaction(store, 'readonly');"
            + " var r = tx.objectStore(store).getAll(); tx.oncomplete = function () { ok(r.result); };"
            + " tx.onabort = function () { failed(tx.error ? tx.error.name : 'AbortError', String(tx.error ? tx.error.message : '')); };"
            + " } catch (e) { failed(e.name || 'Error', String(e.message || '')); }")
    public static native void readAll(JSObject db, String store, Loaded ok, Failed failed);

    /** The record of {@code store} with this id, or null (as one element or none of {@code ok}'s array). */
    @JSBody(params = {"db", "store", "id", "ok", "failed"}, script = "try { var tx = db.transaction(store, 'readonly');"
            + " var r = tx.objectStore(store).get(id);"
            + " tx.oncomplete = function () { ok(r.result === undefined ? [] : [r.result]); };"
            + " tx.onabort = function () { failed(tx.error ? tx.error.name : 'AbortError', String(tx.error ? tx.error.message : '')); };"
            + " } catch (e) { failed(e.name || 'Error', String(e.message || '')); }")
    public static native void get(JSObject db, String store, String id, Loaded ok, Failed failed);

    /**
     * One readwrite transaction over {@code stores}: each op is {@link #put} or {@link #delete}. All of
     * them are committed, or (on any failure) none.
     */
    @JSBody(params = {"db", "stores", "ops", "ok", "failed"}, script = "var done = false;"
            + " function fail(n, m) { if (!done) { done = true; failed(n || 'Error', String(m || '')); } }"
            + " try { var tx = db.transaction(stores, 'readwrite');"
            + " tx.oncomplete = function () { if (!done) { done = true; ok(); } };"
            + " tx.onabort = function () { fail(tx.error ? tx.error.name : 'AbortError', tx.error && tx.error.message); };"
            + " try { ops.forEach(function (o) { var s = tx.objectStore(o.store);"
            + " if (o.put) { s.put(o.value); } else { s.delete(o.key); } }); }"
            + " catch (e) { fail(e.name, e.message); tx.abort(); }"
            + " } catch (e) { fail(e.name, e.message); }")
    public static native void write(JSObject db, JSArray<JSString> stores, JSArray<JSObject> ops, Done ok, Failed failed);

    @JSBody(params = {"store", "value"}, script = "return {store: store, put: true, value: value};")
    public static native JSObject put(String store, JSObject value);

    @JSBody(params = {"store", "key"}, script = "return {store: store, put: false, key: key};")
    public static native JSObject delete(String store, String key);

    public static JSArray<JSString> names(String... stores) {
        JSArray<JSString> out = new JSArray<>();
        for (String s : stores) {
            out.push(JSString.valueOf(s));
        }
        return out;
    }
}
