package dev.locara.markdown;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * self.locaraRenderProbe, for the end-to-end tests (XSS corpus, streaming structure, timings): each call
 * renders into a new {@code div[data-render-probe]} appended to the host, through {@link MarkdownView}
 * as an answer is rendered, and returns that element. Outputs are kept, so that a payload that acts
 * late (an image's error event) still acts inside the page under test.
 * <ul>
 *   <li>{@code render(text)}: a stored message ({@link MarkdownView#render});</li>
 *   <li>{@code stream(text, chunkSize)}: streamed in chunks of chunkSize characters, then finished;</li>
 *   <li>{@code sanitize(html)}: HTML through {@link Sanitizer} alone, Markdown skipped, to test that line of
 *       defence on its own;</li>
 *   <li>{@code open()}: {@code {element, append(delta), finish(), renderAll(text)}} for a test that
 *       drives a stream itself; renderAll renders the whole text again into the same element (a full
 *       re-render, to compare against).</li>
 * </ul>
 */
final class RenderProbe {
    @JSFunctor
    interface TextToElement extends JSObject {
        HTMLElement call(String text);
    }

    @JSFunctor
    interface Streamer extends JSObject {
        HTMLElement call(String text, int chunkSize);
    }

    @JSFunctor
    interface Opener extends JSObject {
        JSObject call();
    }

    @JSFunctor
    interface Appender extends JSObject {
        void call(String delta);
    }

    @JSFunctor
    interface Action extends JSObject {
        void call();
    }

    private RenderProbe() {
    }

    static void install(HTMLElement host) {
        define(text -> {
            HTMLElement out = output(host);
            MarkdownView.render(out, text);
            return out;
        }, (text, chunkSize) -> {
            HTMLElement out = output(host);
            MarkdownView view = new MarkdownView(out);
            int step = Math.max(1, chunkSize);
            for (int i = 0; i < text.length(); ) {
                int end = Math.min(text.length(), i + step);
                if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                    end++; // a token never ends inside a surrogate pair
                }
                view.append(text.substring(i, end));
                i = end;
            }
            view.finish();
            return out;
        }, html -> {
            HTMLElement out = output(host);
            out.appendChild(Sanitizer.cleanToFragment(html));
            return out;
        }, () -> {
            HTMLElement out = output(host);
            MarkdownView view = new MarkdownView(out);
            return handle(out, view::append, view::finish, text -> {
                MarkdownView.render(out, text);
                return out;
            });
        });
    }

    private static HTMLElement output(HTMLElement host) {
        HTMLElement out = host.getOwnerDocument().createElement("div");
        out.setAttribute("data-render-probe", "");
        host.appendChild(out);
        return out;
    }

    @JSBody(params = {"render", "stream", "sanitize", "open"}, script = "self.locaraRenderProbe = {"
            + " render: function (text) { return render(text); },"
            + " stream: function (text, chunkSize) { return stream(text, chunkSize | 0); },"
            + " sanitize: function (html) { return sanitize(html); },"
            + " open: function () { return open(); } };")
    private static native void define(TextToElement render, Streamer stream, TextToElement sanitize, Opener open);

    @JSBody(params = {"element", "append", "finish", "renderAll"}, script = "return { element: element,"
            + " append: function (delta) { append(delta); }, finish: function () { finish(); },"
            + " renderAll: function (text) { renderAll(text); } };")
    private static native JSObject handle(HTMLElement element, Appender append, Action finish, TextToElement renderAll);
}
