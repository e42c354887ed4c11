package dev.locara.workbench;

import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The few element builders the components share. Text always goes in as text (textContent): the
 * only way HTML reaches the page is {@link dev.locara.markdown.MarkdownView}, after the sanitizer.
 */
final class Dom {
    private Dom() {
    }

    static HTMLDocument doc() {
        return HTMLDocument.current();
    }

    static HTMLElement el(String tag, String className) {
        HTMLElement e = doc().createElement(tag);
        if (className != null) {
            e.setClassName(className);
        }
        return e;
    }

    static HTMLElement text(String tag, String className, String text) {
        HTMLElement e = el(tag, className);
        e.setTextContent(text);
        return e;
    }

    /** A button whose visible text is its accessible name. */
    static HTMLButtonElement button(String label, String className, Runnable onClick) {
        HTMLButtonElement b = (HTMLButtonElement) el("button", className);
        b.setAttribute("type", "button");
        b.setTextContent(label);
        b.addEventListener("click", e -> onClick.run());
        return b;
    }

    /** An icon button: its symbol is hidden from screen readers, its name given by aria-label. */
    static HTMLButtonElement iconButton(String symbol, String name, String className, Runnable onClick) {
        HTMLButtonElement b = button("", className, onClick);
        b.setAttribute("aria-label", name);
        b.setAttribute("title", name);
        HTMLElement icon = text("span", "icon", symbol);
        icon.setAttribute("aria-hidden", "true");
        b.appendChild(icon);
        return b;
    }

    /** A side panel ({@code id}, hidden at first) headed by its title and a Close button. */
    static HTMLElement panel(String id, String className, String heading, Runnable close) {
        HTMLElement root = el("aside", className);
        root.setAttribute("id", id);
        root.setAttribute("aria-labelledby", id + "-heading");
        root.setHidden(true);
        HTMLElement head = el("div", "panel-head");
        HTMLElement h = text("h2", null, heading);
        h.setAttribute("id", id + "-heading");
        head.appendChild(h);
        head.appendChild(button("Close", "quiet", close));
        root.appendChild(head);
        return root;
    }

    static HTMLElement byId(String id) {
        return doc().getElementById(id);
    }

    @JSBody(script = "return performance.now();")
    static native double now();

    @JSBody(script = "return (self.crypto && crypto.randomUUID) ? crypto.randomUUID()"
            + " : Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);")
    static native String newId();

    /** Copies text to the clipboard where the browser allows it; says whether it was copied. */
    @JSBody(params = "text", script = "if (!navigator.clipboard || !navigator.clipboard.writeText) { return false; }"
            + " navigator.clipboard.writeText(text).catch(function () {}); return true;")
    static native boolean copy(String text);

    /** Offers {@code text} as a file download, made in the page (a blob URL, nothing leaves the machine). */
    @JSBody(params = {"name", "type", "text"}, script = "var url = URL.createObjectURL(new Blob([text], {type: type}));"
            + " var a = document.createElement('a'); a.href = url; a.download = name; document.body.appendChild(a);"
            + " a.click(); a.remove(); setTimeout(function () { URL.revokeObjectURL(url); }, 1000);")
    static native void download(String name, String type, String text);

    @JSBody(params = "query", script = "return self.matchMedia ? self.matchMedia(query).matches : false;")
    static native boolean matches(String query);
}
