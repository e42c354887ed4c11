package dev.locara.workbench;

import dev.locara.docs.Block;
import dev.locara.docs.DocumentText;
import dev.locara.documents.StoredDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Shows one stored document's text, block by block, always as text nodes (a document is untrusted
 * input, never HTML). {@link #show} scrolls to a character range of {@link DocumentText#text()} and
 * marks it; that is how a citation opens its passage. For a PDF it says "page n of m", for the
 * highlighted passage or, while scrolling, for the block at the top.
 */
final class DocumentViewer {
    /** Where the texts come from (the documents view's store). */
    interface Texts {
        void text(StoredDocument doc, Consumer<DocumentText> ok, Consumer<String> failed);
    }

    private final AppState state;
    private final Texts store;
    final HTMLElement root;
    private final HTMLElement title;
    private final HTMLElement page;
    private final HTMLElement body;
    private final HTMLElement error;
    private StoredDocument doc;
    private DocumentText text;
    private final List<HTMLElement> blockEls = new ArrayList<>();

    DocumentViewer(AppState state, Texts store) {
        this.state = state;
        this.store = store;
        root = Dom.el("section", "document-viewer");
        root.setAttribute("aria-labelledby", "viewer-title");
        root.setHidden(true);
        HTMLElement head = Dom.el("div", "panel-head");
        title = Dom.text("h3", "viewer-title", "");
        title.setAttribute("id", "viewer-title");
        head.appendChild(title);
        head.appendChild(Dom.button("Close document", "quiet", this::close));
        root.appendChild(head);
        page = Dom.el("p", "viewer-page");
        page.setAttribute("aria-live", "polite");
        root.appendChild(page);
        error = Dom.el("p", "field-error");
        error.setAttribute("role", "alert");
        root.appendChild(error);
        body = Dom.el("div", "document-text");
        body.setAttribute("tabindex", "0");
        body.setAttribute("aria-label", "Document text");
        body.addEventListener("scroll", e -> pageAtTop());
        root.appendChild(body);
        state.subscribe(AppState.Topic.DOCUMENTS, () -> {
            if (doc != null && find(doc.id()) == null) {
                close(); // deleted
            }
        });
    }

    /** Opens the document at its start. */
    void open(String docId) {
        show(docId, -1, -1);
    }

    /**
     * Opens the document {@code docId} and marks the UTF-16 range [start, end) of its text, scrolled
     * into view; a negative start marks nothing. A range past the text's end is cut to it.
     */
    void show(String docId, int start, int end) {
        StoredDocument d = find(docId);
        error.setTextContent("");
        if (d == null) {
            error.setTextContent("That document is not stored any more.");
            root.setHidden(false);
            return;
        }
        if (doc != null && doc.id().equals(docId) && text != null) {
            render(start, end);
            return;
        }
        store.text(d, t -> {
            doc = d;
            text = t;
            render(start, end);
        }, m -> {
            root.setHidden(false);
            error.setTextContent(m);
        });
    }

    private void render(int start, int end) {
        root.setHidden(false);
        title.setTextContent(doc.name());
        body.clear();
        blockEls.clear();
        int[] starts = text.blockStarts();
        HTMLElement first = null;
        int firstPage = 0;
        for (int i = 0; i < starts.length; i++) {
            Block b = text.blocks().get(i);
            HTMLElement el = Dom.el(b.kind() == Block.Kind.HEADING ? "h" + Math.min(6, b.level() + 3) : "p",
                    b.kind() == Block.Kind.HEADING ? "doc-heading" : "doc-text");
            el.setAttribute("data-page", String.valueOf(b.page()));
            el.setAttribute("data-start", String.valueOf(starts[i]));
            int from = Math.max(start, starts[i]) - starts[i];
            int to = Math.min(end, starts[i] + b.text().length()) - starts[i];
            if (start >= 0 && from < to) {
                appendText(el, b.text().substring(0, from));
                HTMLElement mark = Dom.text("mark", "cited", b.text().substring(from, to));
                el.appendChild(mark);
                appendText(el, b.text().substring(to));
                if (first == null) {
                    first = mark;
                    firstPage = b.page();
                }
            } else {
                appendText(el, b.text());
            }
            body.appendChild(el);
            blockEls.add(el);
        }
        scrollIntoView(root, "start");
        if (first != null) {
            centre(body, first);
            showPage(firstPage);
        } else {
            body.setScrollTop(0);
            showPage(text.blocks().isEmpty() ? 0 : text.blocks().get(0).page());
        }
    }

    private void pageAtTop() {
        if (text == null || text.pageCount() == 0) {
            return;
        }
        double top = body.getScrollTop() + body.getOffsetTop();
        for (HTMLElement el : blockEls) {
            if (el.getOffsetTop() + el.getOffsetHeight() > top) {
                showPage(Integer.parseInt(el.getAttribute("data-page")));
                return;
            }
        }
    }

    private void showPage(int n) {
        boolean paged = text.pageCount() > 0 && n > 0;
        page.setTextContent(paged ? "Page " + n + " of " + text.pageCount() : "");
        page.setHidden(!paged);
    }

    private void close() {
        doc = null;
        text = null;
        body.clear();
        blockEls.clear();
        root.setHidden(true);
    }

    private StoredDocument find(String id) {
        for (StoredDocument d : state.documents) {
            if (d.id().equals(id)) {
                return d;
            }
        }
        return null;
    }

    @JSFunctor
    interface Show extends JSObject {
        void show(String id, int start, int end);
    }

    /** {@code self.locaraDocumentViewer.show(id, start, end)}: the way in for the citations and the e2e tests. */
    void installHook() {
        defineHook(this::show);
    }

    @JSBody(params = "show", script = "self.locaraDocumentViewer = {show: function (id, s, e) { show(String(id), s | 0, e | 0); }};")
    private static native void defineHook(Show show);

    @JSBody(params = {"el", "text"}, script = "if (text) { el.appendChild(document.createTextNode(text)); }")
    private static native void appendText(HTMLElement el, String text);

    /** The viewer into the panel's view; the mark is then centred inside the text's own box ({@link #centre}). */
    @JSBody(params = {"el", "block"}, script = "el.scrollIntoView({block: block});")
    private static native void scrollIntoView(HTMLElement el, String block);

    /** Scrolls only {@code box}, so that the panel around it (and the viewer's head) stay where they are. */
    @JSBody(params = {"box", "el"}, script = "var b = box.getBoundingClientRect(), r = el.getBoundingClientRect();"
            + " box.scrollTop += r.top - b.top - (box.clientHeight - r.height) / 2;")
    private static native void centre(HTMLElement box, HTMLElement el);
}
