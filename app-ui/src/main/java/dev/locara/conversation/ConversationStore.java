package dev.locara.conversation;

import dev.locara.storage.IndexedDb;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;

/**
 * Conversations saved in the browser's IndexedDB: database "locara", object store "conversations"
 * keyed by id, each record {@code {id, updatedAt, json}} with json = {@link ConversationJson#toJson}.
 * The IndexedDB glue is {@link IndexedDb}'s, shared with the documents. Every call answers through
 * its callbacks (the UI calls it from event handlers, which are not
 * fibers, so no @Async); failures arrive as one sentence for the person ({@link StoreErrors}).
 * A write completes when its transaction does, so "ok" means the data is committed.
 */
public final class ConversationStore {
    public static final String DATABASE = "locara";
    public static final String STORE = "conversations";
    /** Raise it, with an upgrade step in openDatabase, when the records change shape. */
    private static final int VERSION = 1;

    private final JSObject db;

    private ConversationStore(JSObject db) {
        this.db = db;
    }

    /** Whether this browser has IndexedDB (it may be missing, or refused, in private windows). */
    public static boolean isSupported() {
        return IndexedDb.isSupported();
    }

    /** Opens (and on first use creates) the database. */
    public static void open(Consumer<ConversationStore> ok, Consumer<String> failed) {
        if (!isSupported()) {
            failed.accept(StoreErrors.describe(StoreErrors.NOT_SUPPORTED, ""));
            return;
        }
        IndexedDb.open(DATABASE, VERSION, IndexedDb.names(STORE), db -> ok.accept(new ConversationStore(db)),
                (name, message) -> failed.accept(StoreErrors.describe(name, message)));
    }

    /** Every stored conversation, newest first; a record that does not read is skipped with a console warning. */
    public void loadAll(Consumer<List<Conversation>> ok, Consumer<String> failed) {
        loadAll(ok, ConversationStore::warn, failed);
    }

    /**
     * Every stored conversation, newest first. A record that does not read (written by a newer
     * Locara, or damaged) is skipped: {@code warnings} gets a sentence for each, before {@code ok},
     * and the record stays in the database untouched.
     */
    public void loadAll(Consumer<List<Conversation>> ok, Consumer<String> warnings, Consumer<String> failed) {
        IndexedDb.readAll(db, STORE, records -> {
            List<Conversation> out = new ArrayList<>();
            for (int i = 0; i < records.getLength(); i++) {
                JSObject record = records.get(i);
                String id = idOf(record);
                String json = jsonOf(record);
                String name = id == null ? "A stored conversation" : "The stored conversation \"" + id + "\"";
                if (json == null) {
                    warnings.accept(name + " has no text and was skipped.");
                    continue;
                }
                try {
                    Conversation c = ConversationJson.fromJson(json);
                    if (!c.id().equals(id)) {
                        warnings.accept(name + " holds the conversation \"" + c.id() + "\" and was skipped.");
                        continue;
                    }
                    out.add(c);
                } catch (ImportException e) {
                    warnings.accept(name + " could not be read and was skipped: " + e.getMessage());
                }
            }
            out.sort(Comparator.comparingLong(Conversation::updatedAt).reversed());
            ok.accept(out);
        }, (name, message) -> failed.accept(StoreErrors.describe(name, message)));
    }

    /** Saves {@code c}, replacing the stored conversation with its id. */
    public void put(Conversation c, Runnable ok, Consumer<String> failed) {
        putAll(List.of(c), ok, failed);
    }

    /** Saves every one in one transaction: all are stored, or (on any failure) none. */
    public void putAll(List<Conversation> cs, Runnable ok, Consumer<String> failed) {
        JSArray<JSObject> records = new JSArray<>();
        for (Conversation c : cs) {
            records.push(IndexedDb.put(STORE, record(c.id(), c.updatedAt(), ConversationJson.toJson(c))));
        }
        write(records, ok, failed);
    }

    /** Deletes the conversation with this id; deleting one that is not stored is no error. */
    public void delete(String id, Runnable ok, Consumer<String> failed) {
        JSArray<JSObject> ops = new JSArray<>();
        ops.push(IndexedDb.delete(STORE, id));
        write(ops, ok, failed);
    }

    /** Closes the connection; later calls on this store fail with the "database was closed" sentence. */
    public void close() {
        IndexedDb.close(db);
    }

    private void write(JSArray<JSObject> ops, Runnable ok, Consumer<String> failed) {
        IndexedDb.write(db, IndexedDb.names(STORE), ops, ok::run,
                (name, message) -> failed.accept(StoreErrors.describe(name, message)));
    }

    /**
     * Defines {@code self.locaraConversationProbe} for the end-to-end tests, which drive the store
     * without the page's UI: {@code roundTrip(exportText)} imports a file as the UI does (parse, then
     * one putAll) and resolves to the export of everything stored afterwards, or rejects with the
     * refusal's message; {@code stored()} resolves to {@code {export, warnings}}. Exports carry
     * "exported": 0 so that two of them compare equal as text.
     */
    public static void installProbe() {
        defineProbe((text, resolve, reject) -> {
            List<Conversation> parsed;
            try {
                parsed = ConversationJson.parseExport(text); // refused before storage is touched, as the UI does
            } catch (ImportException e) {
                reject.settle(e.getMessage());
                return;
            }
            open(store -> store.putAll(parsed,
                    () -> loadAndClose(store, all -> resolve.settle(ConversationJson.export(all, 0)), w -> { }, reject),
                    m -> {
                        store.close();
                        reject.settle(m);
                    }), reject::settle);
        }, (resolve, reject) -> open(store -> {
            JSArray<JSString> warnings = new JSArray<>();
            loadAndClose(store, all -> resolve.settle(storedResult(ConversationJson.export(all, 0), warnings)),
                    w -> warnings.push(JSString.valueOf(w)), reject);
        }, reject::settle));
    }

    /** The probe's connections are closed when done, so none is left open across its calls. */
    private static void loadAndClose(ConversationStore store, Consumer<List<Conversation>> ok, Consumer<String> warnings,
                                     Settle reject) {
        store.loadAll(all -> {
            store.close();
            ok.accept(all);
        }, warnings, m -> {
            store.close();
            reject.settle(m);
        });
    }

    @JSFunctor
    interface Settle extends JSObject {
        void settle(String value);
    }

    @JSFunctor
    interface SettleObject extends JSObject {
        void settle(JSObject value);
    }

    @JSFunctor
    interface RoundTrip extends JSObject {
        void run(String text, Settle resolve, Settle reject);
    }

    @JSFunctor
    interface Stored extends JSObject {
        void run(SettleObject resolve, Settle reject);
    }

    @JSBody(params = {"roundTrip", "stored"}, script = "self.locaraConversationProbe = {"
            + " roundTrip: function (text) { return new Promise(function (ok, no) {"
            + " roundTrip(String(text), ok, function (m) { no(new Error(m)); }); }); },"
            + " stored: function () { return new Promise(function (ok, no) {"
            + " stored(ok, function (m) { no(new Error(m)); }); }); } };")
    private static native void defineProbe(RoundTrip roundTrip, Stored stored);

    @JSBody(params = {"exported", "warnings"}, script = "return {export: exported, warnings: warnings};")
    private static native JSObject storedResult(String exported, JSArray<JSString> warnings);

    @JSBody(params = {"id", "updatedAt", "json"}, script = "return {id: id, updatedAt: updatedAt, json: json};")
    private static native JSObject record(String id, double updatedAt, String json);

    @JSBody(params = "r", script = "return r !== null && typeof r === 'object' && typeof r.id === 'string' ? r.id : null;")
    private static native String idOf(JSObject r);

    @JSBody(params = "r", script = "return r !== null && typeof r === 'object' && typeof r.json === 'string' ? r.json : null;")
    private static native String jsonOf(JSObject r);

    @JSBody(params = "text", script = "console.warn(text);")
    private static native void warn(String text);
}
