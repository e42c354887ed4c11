package dev.locara.markdown;

import java.util.Locale;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.Window;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.xml.Element;
import org.teavm.jso.dom.xml.Node;
import org.teavm.jso.dom.xml.NodeList;

/**
 * Rendered code blocks made readable and usable: syntax colours by highlight.js (vendor/highlight) for
 * the language the fence names, and a "Copy code" button that copies the code's own text. Each
 * {@code pre > code} becomes {@code div.code-block > (button.copy-code, pre > code.hljs)}.
 */
public final class CodeBlocks {
    /** Past this a block stays plain: highlighting is linear but a huge block would stall the page. */
    static final int MAX_HIGHLIGHT_CHARS = 100_000;
    private static final int COPIED_SHOWN_MS = 2000;

    /** Told whether the clipboard took the text. */
    @JSFunctor
    interface Copied extends JSObject {
        void done(boolean ok);
    }

    private CodeBlocks() {
    }

    /** Decorates every code block under root that is not decorated yet (root itself may be the pre). */
    public static void decorate(HTMLElement root) {
        decorateUnder(root);
    }

    /** The same for nodes not yet in the page (a sanitized fragment). */
    static void decorateUnder(Node root) {
        NodeList<Element> codes = codeBlocks(root);
        for (int i = 0; i < codes.getLength(); i++) {
            decorateOne((HTMLElement) codes.get(i));
        }
    }

    private static void decorateOne(HTMLElement code) {
        HTMLElement pre = (HTMLElement) code.getParentNode();
        // data-* attributes never survive the sanitizer, so this mark is ours and cannot be forged by text.
        if (pre.hasAttribute("data-decorated")) {
            return;
        }
        pre.setAttribute("data-decorated", "");
        String raw = code.getTextContent();
        String language = language(code.getClassName());
        if (language != null && raw.length() <= MAX_HIGHLIGHT_CHARS && Sanitizer.isSupported()) {
            String html = highlight(raw, language);
            if (html != null) {
                // highlight.js escapes the code text and adds spans; it goes through the sanitizer all the same.
                code.setTextContent("");
                code.appendChild(Sanitizer.cleanToFragment(html));
                code.getClassList().add("hljs");
            }
        }
        HTMLDocument doc = (HTMLDocument) code.getOwnerDocument();
        HTMLElement block = doc.createElement("div");
        block.setClassName("code-block");
        HTMLElement button = doc.createElement("button");
        button.setAttribute("type", "button");
        button.setClassName("copy-code");
        label(button, "Copy", "Copy code");
        button.addEventListener("click", e -> copy(raw, ok -> {
            label(button, ok ? "Copied" : "Cannot copy", ok ? "Copied"
                    : "This browser does not let the page copy: select the code and copy it");
            Window.setTimeout(() -> label(button, "Copy", "Copy code"), COPIED_SHOWN_MS);
        }));
        pre.getParentNode().replaceChild(block, pre);
        block.appendChild(button);
        block.appendChild(pre);
    }

    private static void label(HTMLElement button, String text, String name) {
        button.setTextContent(text);
        button.setAttribute("aria-label", name);
    }

    /**
     * The language of a fenced block ("language-x", commonmark's class for the info string's first
     * word), or null; only names highlight.js could have, so that no text reaches its lookup tables
     * as a property name it did not choose.
     */
    static String language(String className) {
        for (String c : className.split(" ")) {
            if (c.startsWith("language-")) {
                String name = c.substring("language-".length()).toLowerCase(Locale.ROOT);
                return isLanguageName(name) ? name : null;
            }
        }
        return null;
    }

    private static boolean isLanguageName(String name) {
        if (name.isEmpty() || name.length() > 32) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "_+#.-".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    @JSBody(params = "root", script = "return root.querySelectorAll('pre > code');")
    private static native NodeList<Element> codeBlocks(Node root);

    /** highlight.js's HTML for the code, or null when it is missing or does not know the language. */
    @JSBody(params = {"code", "language"}, script = "if (typeof hljs !== 'object') { return null; }"
            + " try { if (!hljs.getLanguage(language)) { return null; }"
            + " return hljs.highlight(code, {language: language, ignoreIllegals: true}).value; }"
            + " catch (e) { return null; }") // a block left plain is better than an answer that fails to show
    private static native String highlight(String code, String language);

    @JSBody(params = {"text", "done"}, script = "if (!navigator.clipboard || typeof navigator.clipboard.writeText"
            + " !== 'function') { done(false); return; }"
            + " navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });")
    private static native void copy(String text, Copied done);
}
