package dev.locara.documents;

import dev.locara.app.JsFields;
import dev.locara.docs.Block;
import dev.locara.docs.DocumentText;
import dev.locara.docs.TextReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Reads a file the person chose into a {@link DocumentText}: .txt and .md through engine-core's
 * {@link TextReader}, .html through the browser's DOMParser (a parsed document that is never inserted
 * into the page: its scripts do not run and nothing it names is fetched), .pdf through PDF.js, one block
 * per page with its page number. The kind is checked first ({@link DocumentKind#of}); every refusal
 * arrives as one sentence from {@link ImportErrors}. Callback style, like the stores: the UI calls it
 * from event handlers.
 */
public final class Importer {
    /** What the importer is doing, for the per-file progress: a stage and a fraction 0 to 1. */
    public interface Progress {
        void report(String stage, double fraction);
    }

    private Importer() {
    }

    public static String fileName(JSObject file) {
        return JsFields.string(file, "name");
    }

    public static double fileSize(JSObject file) {
        return JsFields.number(file, "size");
    }

    public static void read(JSObject file, Progress progress, Consumer<DocumentText> ok, Consumer<String> refused) {
        String name = fileName(file);
        readHead(file, DocumentKind.HEAD_BYTES, (head, error) -> {
            if (error != null) {
                refused.accept(ImportErrors.corrupt(name, error));
                return;
            }
            DocumentKind kind;
            try {
                kind = DocumentKind.of(name, fileSize(file), head.copyToJavaArray());
            } catch (ImportRefused e) {
                refused.accept(e.getMessage());
                return;
            }
            progress.report("Reading", 0);
            switch (kind) {
                case TEXT, MARKDOWN -> readText(file, (text, err) -> {
                    if (err != null) {
                        refused.accept(ImportErrors.corrupt(name, err));
                    } else {
                        finish(kind == DocumentKind.TEXT ? TextReader.plain(name, text)
                                : TextReader.markdown(name, text), ok, refused);
                    }
                });
                case HTML -> readText(file, (text, err) -> {
                    if (err != null) {
                        refused.accept(ImportErrors.corrupt(name, err));
                    } else {
                        finish(html(name, htmlBlocks(text)), ok, refused);
                    }
                });
                case PDF -> readPdf(file, base(), (done, total) -> progress.report("Page " + done + " of " + total,
                        total == 0 ? 0 : (double) done / total), (pages, errorName, message) -> {
                    if (pages == null) {
                        refused.accept("PasswordException".equals(errorName) ? ImportErrors.encrypted(name)
                                : ImportErrors.corrupt(name, message));
                    } else {
                        pdf(name, pages, ok, refused);
                    }
                });
                default -> throw new IllegalStateException("No reader for " + kind);
            }
        });
    }

    private static void finish(DocumentText text, Consumer<DocumentText> ok, Consumer<String> refused) {
        if (text.blocks().isEmpty()) {
            refused.accept(ImportErrors.empty(text.name()));
        } else {
            ok.accept(text);
        }
    }

    private static DocumentText html(String name, JSArray<JSObject> found) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            int level = (int) JsFields.number(found.get(i), "level");
            String text = JsFields.string(found.get(i), "text");
            blocks.add(level > 0 ? Block.heading(level, text, 0) : Block.text(text, 0));
        }
        return new DocumentText(name, DocumentKind.HTML.mediaType(), 0, blocks);
    }

    /** A page without text is left out of the blocks but counts; a PDF with no text at all is refused. */
    private static void pdf(String name, JSArray<JSString> pages, Consumer<DocumentText> ok, Consumer<String> refused) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < pages.getLength(); i++) {
            String text = pages.get(i).stringValue().strip();
            if (!text.isEmpty()) {
                blocks.add(Block.text(text, i + 1));
            }
        }
        if (blocks.isEmpty()) {
            refused.accept(ImportErrors.scanned(name));
        } else {
            ok.accept(new DocumentText(name, DocumentKind.PDF.mediaType(), pages.getLength(), blocks));
        }
    }

    @JSFunctor
    interface Head extends JSObject {
        void read(Int8Array head, String error);
    }

    @JSFunctor
    interface Text extends JSObject {
        void read(String text, String error);
    }

    @JSFunctor
    interface PageDone extends JSObject {
        void page(int done, int total);
    }

    @JSFunctor
    interface Pages extends JSObject {
        void read(JSArray<JSString> pages, String errorName, String message);
    }

    @JSBody(params = {"file", "n", "handler"}, script = "file.slice(0, n).arrayBuffer().then("
            + "function (b) { handler(new Int8Array(b), null); }, function (e) { handler(null, String(e && e.message || e)); });")
    private static native void readHead(JSObject file, int n, Head handler);

    @JSBody(params = {"file", "handler"}, script = "file.text().then(function (t) { handler(t, null); },"
            + " function (e) { handler(null, String(e && e.message || e)); });")
    private static native void readText(JSObject file, Text handler);

    /**
     * Headings and runs of text in reading order, whitespace collapsed (pre keeps its own); script,
     * style and other non-text elements are dropped. The parsed document has no browsing context.
     */
    @JSBody(params = "html", script = "var doc = new DOMParser().parseFromString(html, 'text/html');"
            + " doc.querySelectorAll('script,style,noscript,template,iframe,object,embed,svg,math,head')"
            + ".forEach(function (n) { n.remove(); });"
            + " var out = [], buf = '';"
            + " var BLOCK = /^(P|DIV|LI|UL|OL|TABLE|THEAD|TBODY|TR|TD|TH|BLOCKQUOTE|SECTION|ARTICLE|HEADER|FOOTER|NAV"
            + "|ASIDE|MAIN|DL|DT|DD|FIGURE|FIGCAPTION|BR|HR|FORM|CAPTION|DETAILS|SUMMARY|ADDRESS)$/;"
            + " function flush() { var t = buf.replace(/\\s+/g, ' ').trim(); if (t) { out.push({level: 0, text: t}); } buf = ''; }"
            + " function walk(n) { for (var c = n.firstChild; c; c = c.nextSibling) {"
            + " if (c.nodeType === 3) { buf += c.nodeValue; continue; } if (c.nodeType !== 1) { continue; }"
            + " var h = /^H([1-6])$/.exec(c.tagName);"
            + " if (h) { flush(); var t = c.textContent.replace(/\\s+/g, ' ').trim(); if (t) { out.push({level: +h[1], text: t}); } }"
            + " else if (c.tagName === 'PRE') { flush(); var p = c.textContent.replace(/^\\n+|\\s+$/g, '');"
            + " if (p) { out.push({level: 0, text: p}); } }"
            + " else if (BLOCK.test(c.tagName)) { flush(); walk(c); flush(); } else { walk(c); } } }"
            + " walk(doc.body || doc.documentElement); flush(); return out;")
    private static native JSArray<JSObject> htmlBlocks(String html);

    /**
     * PDF.js, loaded on first use from the app's own copy (vendor/pdfjs, precached by the service worker),
     * its worker, character maps and standard fonts from there too. Never rejects: {@code done} gets the
     * pages' text, or null with the error's name (PasswordException for an encrypted file) and message.
     */
    @JSBody(params = {"file", "base", "page", "done"}, script = "var pdf = null;"
            + " function fail(e) { if (pdf) { pdf.destroy(); } done(null, String(e && e.name || 'Error'), String(e && e.message || e)); }"
            + " Promise.all([import(base + 'vendor/pdfjs/pdf.min.mjs'), file.arrayBuffer()]).then(function (r) {"
            + " var lib = r[0]; lib.GlobalWorkerOptions.workerSrc = base + 'vendor/pdfjs/pdf.worker.min.mjs';"
            + " return lib.getDocument({data: new Uint8Array(r[1]), cMapUrl: base + 'vendor/pdfjs/cmaps/', cMapPacked: true,"
            + " standardFontDataUrl: base + 'vendor/pdfjs/standard_fonts/', isEvalSupported: false, disableFontFace: true,"
            + " useSystemFonts: false, enableXfa: false}).promise;"
            + " }).then(function (d) { pdf = d; var texts = [], n = d.numPages;"
            + " function next(i) { if (i > n) { return texts; } return d.getPage(i).then(function (p) { return p.getTextContent(); })"
            + ".then(function (c) { texts.push(c.items.map(function (it) { return (it.str || '') + (it.hasEOL ? '\\n' : ''); }).join(''));"
            + " page(i, n); return next(i + 1); }); }"
            + " page(0, n); return next(1); }).then(function (texts) { pdf.destroy(); done(texts, null, null); }, fail);")
    private static native void readPdf(JSObject file, String base, PageDone page, Pages done);

    @JSBody(script = "return new URL('./', document.baseURI).href;")
    private static native String base();

}
