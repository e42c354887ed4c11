package dev.locara.documents;

import dev.locara.app.JsFields;
import dev.locara.docs.Block;
import dev.locara.docs.DocumentText;
import dev.locara.storage.IndexedDb;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;

/**
 * Imported documents in IndexedDB: database "locara-documents", object store "documents" (the list's
 * metadata, {@link StoredDocument}) and "texts" ({@code {id, blocks: [{level, kind, text, page}]}}),
 * both keyed by the document's id. A document's two records are written in one transaction, so a
 * failed import leaves nothing half-stored; importing a file whose name is already stored replaces
 * it in that same transaction and keeps its id, so what points at the document stays valid.
 * Failures arrive as one sentence ({@link #describe}).
 */
public final class DocumentStore {
    public static final String DATABASE = "locara-documents";
    static final String DOCUMENTS = "documents";
    static final String TEXTS = "texts";
    private static final int VERSION = 1;

    private final JSObject db;

    private DocumentStore(JSObject db) {
        this.db = db;
    }

    public static boolean isSupported() {
        return IndexedDb.isSupported();
    }

    public static void open(Consumer<DocumentStore> ok, Consumer<String> failed) {
        if (!isSupported()) {
            failed.accept("This browser has no IndexedDB here (a private window?), so documents cannot be stored.");
            return;
        }
        IndexedDb.open(DATABASE, VERSION, IndexedDb.names(DOCUMENTS, TEXTS), db -> ok.accept(new DocumentStore(db)),
                (name, message) -> failed.accept(describe(name, message)));
    }

    /** Every stored document, newest import first. */
    public void list(Consumer<List<StoredDocument>> ok, Consumer<String> failed) {
        IndexedDb.readAll(db, DOCUMENTS, records -> {
            List<StoredDocument> out = new ArrayList<>();
            for (int i = 0; i < records.getLength(); i++) {
                out.add(fromRecord(records.get(i)));
            }
            out.sort(Comparator.comparingDouble(StoredDocument::importedAt).reversed());
            ok.accept(out);
        }, (name, message) -> failed.accept(describe(name, message)));
    }

    /**
     * Stores {@code text} (read from a file of {@code size} bytes) under the id {@code fresh}, or under
     * the id of the stored document of the same name, which it replaces.
     */
    public void put(String fresh, DocumentText text, double size, double importedAt, Consumer<StoredDocument> ok,
                    Consumer<String> failed) {
        JSArray<JSObject> blocks = new JSArray<>();
        for (Block b : text.blocks()) {
            blocks.push(block(b.kind() == Block.Kind.HEADING, b.level(), b.text(), b.page()));
        }
        putByName(db, DOCUMENTS, TEXTS, fresh, text.name(), size, text.mediaType(), text.pageCount(), importedAt, blocks,
                id -> ok.accept(new StoredDocument(id, text.name(), size, text.mediaType(), text.pageCount(), importedAt)),
                (name, message) -> failed.accept(describe(name, message)));
    }

    /** The stored text of a document listed as {@code doc}. */
    public void text(StoredDocument doc, Consumer<DocumentText> ok, Consumer<String> failed) {
        IndexedDb.get(db, TEXTS, doc.id(), found -> {
            if (found.getLength() == 0) {
                failed.accept("The text of “" + doc.name() + "” is not stored: delete it and import it again.");
                return;
            }
            JSArray<JSObject> records = blocksOf(found.get(0));
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < records.getLength(); i++) {
                JSObject r = records.get(i);
                String t = JsFields.string(r, "text");
                int page = (int) JsFields.number(r, "page");
                blocks.add(JsFields.bool(r, "heading") ? Block.heading((int) JsFields.number(r, "level"), t, page)
                        : Block.text(t, page));
            }
            ok.accept(new DocumentText(doc.name(), doc.mediaType(), doc.pages(), blocks));
        }, (name, message) -> failed.accept(describe(name, message)));
    }

    /** Deletes the document and its text together. */
    public void delete(String id, Runnable ok, Consumer<String> failed) {
        JSArray<JSObject> ops = new JSArray<>();
        ops.push(IndexedDb.delete(DOCUMENTS, id));
        ops.push(IndexedDb.delete(TEXTS, id));
        IndexedDb.write(db, IndexedDb.names(DOCUMENTS, TEXTS), ops, ok::run,
                (name, message) -> failed.accept(describe(name, message)));
    }

    static String describe(String name, String message) {
        if ("QuotaExceededError".equals(name)) {
            return "The browser's storage is full: delete documents, conversations or models, then import again.";
        }
        if ("Blocked".equals(name) || "InvalidStateError".equals(name) || "VersionError".equals(name)) {
            return "Another Locara tab holds the document database (or Locara was updated there): close the"
                    + " other Locara tabs, then reload this one.";
        }
        return "Document storage failed (" + name + (message == null || message.isEmpty() ? "" : ": " + message)
                + "). Reload the page and try again.";
    }

    private static StoredDocument fromRecord(JSObject r) {
        return new StoredDocument(JsFields.string(r, "id"), JsFields.string(r, "name"), JsFields.number(r, "size"),
                JsFields.string(r, "mediaType"), (int) JsFields.number(r, "pages"), JsFields.number(r, "importedAt"));
    }

    @JSFunctor
    interface Stored extends JSObject {
        void stored(String id);
    }

    /** One transaction: find the document of this name (its id is kept), then write both records. */
    @JSBody(params = {"db", "docs", "texts", "fresh", "name", "size", "type", "pages", "at", "blocks", "ok", "failed"},
            script = "var done = false, id = fresh;"
            + " function fail(n, m) { if (!done) { done = true; failed(n || 'Error', String(m || '')); } }"
            + " try { var tx = db.transaction([docs, texts], 'readwrite'); var d = tx.objectStore(docs);"
            + " tx.oncomplete = function () { if (!done) { done = true; ok(id); } };"
            + " tx.onabort = function () { fail(tx.error ? tx.error.name : 'AbortError', tx.error && tx.error.message); };"
            + " var all = d.getAll(); all.onsuccess = function () { try {"
            + " all.result.forEach(function (r) { if (r.name === name) { id = r.id; } });"
            + " d.put({id: id, name: name, size: size, mediaType: type, pages: pages, importedAt: at});"
            + " tx.objectStore(texts).put({id: id, blocks: blocks});"
            + " } catch (e) { fail(e.name, e.message); tx.abort(); } };"
            + " } catch (e) { fail(e.name, e.message); }")
    private static native void putByName(JSObject db, String docs, String texts, String fresh, String name, double size,
                                         String type, int pages, double at, JSArray<JSObject> blocks, Stored ok,
                                         IndexedDb.Failed failed);

    @JSBody(params = {"heading", "level", "text", "page"},
            script = "return {heading: heading, level: level, text: text, page: page};")
    private static native JSObject block(boolean heading, int level, String text, int page);

    @JSBody(params = "r", script = "return Array.isArray(r.blocks) ? r.blocks : [];")
    private static native JSArray<JSObject> blocksOf(JSObject r);
}
