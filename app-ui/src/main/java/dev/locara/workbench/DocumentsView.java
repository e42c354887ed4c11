package dev.locara.workbench;

import dev.locara.docs.DocumentText;
import dev.locara.documents.DocumentKind;
import dev.locara.documents.DocumentStore;
import dev.locara.documents.Importer;
import dev.locara.documents.StoredDocument;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * The Documents view: import by file picker or drag and drop (several files, one after another, each
 * with its own progress line and, when refused, its sentence), the list of stored documents (name,
 * size, type, pages, import date) with Open and Delete (which asks first), and the viewer below.
 */
final class DocumentsView {
    private final AppState state;
    final HTMLElement root;
    final DocumentViewer viewer;
    private final HTMLElement progress;
    private final HTMLElement list;
    private final HTMLElement problem;
    private DocumentStore store;
    /** Files waiting for their turn; one is read at a time so that memory holds one file's bytes. */
    private final Deque<Runnable> queue = new ArrayDeque<>();
    private boolean importing;

    DocumentsView(AppState state) {
        this.state = state;
        root = Dom.panel("documents", "panel documents", "Documents", () -> show(false));
        root.appendChild(Dom.text("p", "hint", "Your files stay in this browser. Locara reads .txt, .md, .html and"
                + " .pdf files up to 50 MB each."));
        HTMLInputElement file = (HTMLInputElement) Dom.el("input", "visually-hidden");
        file.setAttribute("type", "file");
        file.setAttribute("multiple", "");
        file.setAttribute("accept", DocumentKind.pickerAccept());
        file.setAttribute("aria-label", "Document files");
        file.setAttribute("tabindex", "-1");
        onFiles(file, this::importAll);
        root.appendChild(file);
        HTMLElement drop = Dom.el("div", "document-drop");
        drop.setAttribute("tabindex", "0");
        drop.appendChild(Dom.button("Import documents…", "primary", file::click));
        drop.appendChild(Dom.text("span", null, " …or drop files here."));
        onDrop(drop, this::importAll);
        root.appendChild(drop);
        progress = Dom.el("ul", "import-progress");
        progress.setAttribute("aria-label", "Imports");
        root.appendChild(progress);
        problem = Dom.el("p", "field-error");
        problem.setAttribute("role", "alert");
        root.appendChild(problem);
        list = Dom.el("ul", "document-list");
        list.setAttribute("aria-label", "Stored documents");
        root.appendChild(list);
        viewer = new DocumentViewer(state, this::text);
        root.appendChild(viewer.root);
        state.subscribe(AppState.Topic.DOCUMENTS, this::render);
        render();
    }

    /** Opens the store and lists what it holds; until then (or when it fails) imports say why they wait. */
    void start() {
        DocumentStore.open(s -> {
            store = s;
            s.list(all -> {
                state.documents = new ArrayList<>(all);
                state.documentsProblem = null;
                state.emit(AppState.Topic.DOCUMENTS);
            }, this::failed);
        }, this::failed);
    }

    void show(boolean shown) {
        root.setHidden(!shown);
    }

    boolean shown() {
        return !root.isHidden();
    }

    private void failed(String message) {
        state.documentsProblem = message;
        state.emit(AppState.Topic.DOCUMENTS);
    }

    private void text(StoredDocument doc, Consumer<DocumentText> ok, Consumer<String> failed) {
        if (store == null) {
            failed.accept(state.documentsProblem != null ? state.documentsProblem : "The document storage is not open yet.");
        } else {
            store.text(doc, ok, failed);
        }
    }

    private void importAll(JSArray<JSObject> files) {
        for (int i = 0; i < files.getLength(); i++) {
            JSObject f = files.get(i);
            HTMLElement line = Dom.el("li", "import");
            line.appendChild(Dom.text("span", "import-name", Importer.fileName(f)));
            HTMLElement bar = Dom.el("progress", "import-bar");
            bar.setAttribute("max", "1");
            bar.setAttribute("value", "0");
            bar.setAttribute("aria-label", "Import of " + Importer.fileName(f));
            line.appendChild(bar);
            HTMLElement status = Dom.text("span", "import-status", "Waiting");
            status.setAttribute("role", "status");
            line.appendChild(status);
            progress.appendChild(line);
            queue.add(() -> importOne(f, line, bar, status));
        }
        next();
    }

    private void next() {
        if (importing || queue.isEmpty()) {
            return;
        }
        importing = true;
        queue.poll().run();
    }

    private void importOne(JSObject file, HTMLElement line, HTMLElement bar, HTMLElement status) {
        Consumer<String> refuse = m -> {
            line.setAttribute("data-state", "refused");
            status.setTextContent(m);
            importing = false;
            next();
        };
        if (store == null) {
            refuse.accept(state.documentsProblem != null ? state.documentsProblem : "The document storage is not open yet.");
            return;
        }
        Importer.read(file, (stage, fraction) -> {
            status.setTextContent(stage);
            bar.setAttribute("value", String.valueOf(fraction * 0.9));
        }, text -> {
            status.setTextContent("Storing");
            store.put(Dom.newId(), text, Importer.fileSize(file), nowMs(), doc -> {
                state.documents.removeIf(d -> d.id().equals(doc.id()));
                state.documents.add(0, doc);
                bar.setAttribute("value", "1");
                line.setAttribute("data-state", "done");
                status.setTextContent(doc.pages() > 0 ? "Imported, " + Format.count(doc.pages(), "page", "pages")
                        : "Imported");
                importing = false;
                state.emit(AppState.Topic.DOCUMENTS);
                next();
            }, refuse);
        }, refuse);
    }

    private void render() {
        problem.setTextContent(state.documentsProblem == null ? "" : state.documentsProblem);
        list.clear();
        if (state.documents.isEmpty()) {
            list.appendChild(Dom.text("li", "empty", "No documents yet."));
        }
        for (StoredDocument d : state.documents) {
            list.appendChild(item(d));
        }
    }

    private HTMLElement item(StoredDocument d) {
        HTMLElement li = Dom.el("li", "document");
        li.setAttribute("data-id", d.id());
        li.appendChild(Dom.text("div", "document-name", d.name()));
        li.appendChild(Dom.text("div", "document-facts", facts(d)));
        HTMLElement tools = Dom.el("div", "item-tools");
        HTMLElement open = Dom.button("Open", "quiet", () -> viewer.open(d.id()));
        open.setAttribute("aria-label", "Open " + d.name());
        tools.appendChild(open);
        HTMLElement delete = Dom.button("Delete", "quiet danger-text", () -> confirmDelete(li, tools, d));
        delete.setAttribute("aria-label", "Delete " + d.name());
        tools.appendChild(delete);
        li.appendChild(tools);
        return li;
    }

    private void confirmDelete(HTMLElement li, HTMLElement tools, StoredDocument d) {
        HTMLElement ask = Dom.el("div", "confirm");
        ask.setAttribute("role", "group");
        ask.setAttribute("aria-label", "Confirm delete");
        ask.appendChild(Dom.text("span", null, "Delete “" + d.name() + "” from this browser? "));
        ask.appendChild(Dom.button("Delete it", "danger", () -> store.delete(d.id(), () -> {
            state.documents.removeIf(x -> x.id().equals(d.id()));
            state.emit(AppState.Topic.DOCUMENTS);
        }, this::failed)));
        ask.appendChild(Dom.button("Keep it", "quiet", this::render));
        li.replaceChild(ask, tools);
    }

    static String facts(StoredDocument d) {
        String type = switch (d.kind()) {
            case TEXT -> "Text";
            case MARKDOWN -> "Markdown";
            case HTML -> "HTML";
            case PDF -> "PDF";
        };
        return size(d.size()) + " · " + type + (d.pages() > 0 ? " · " + Format.count(d.pages(), "page", "pages") : "")
                + " · imported " + date(d.importedAt());
    }

    static String size(double bytes) {
        if (bytes < 1024) {
            return (long) bytes + " B";
        }
        return bytes < 1024 * 1024 ? Format.decimal(bytes / 1024) + " KB" : Format.decimal(bytes / (1024 * 1024)) + " MB";
    }

    @JSFunctor
    interface Files extends JSObject {
        void files(JSArray<JSObject> files);
    }

    @JSBody(params = {"input", "handler"}, script = "input.addEventListener('change', function () {"
            + " var fs = Array.from(input.files || []); input.value = ''; if (fs.length) { handler(fs); } });")
    private static native void onFiles(HTMLInputElement input, Files handler);

    @JSBody(params = {"zone", "handler"}, script = "zone.addEventListener('dragover', function (e) {"
            + " e.preventDefault(); zone.classList.add('over'); });"
            + " zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });"
            + " zone.addEventListener('drop', function (e) { e.preventDefault(); zone.classList.remove('over');"
            + " var fs = Array.from(e.dataTransfer && e.dataTransfer.files || []); if (fs.length) { handler(fs); } });")
    private static native void onDrop(HTMLElement zone, Files handler);

    @JSBody(params = "ms", script = "return new Date(ms).toLocaleDateString(undefined,"
            + " {year: 'numeric', month: 'short', day: 'numeric'});")
    private static native String date(double ms);

    @JSBody(script = "return Date.now();")
    private static native double nowMs();
}
