package dev.locara.markdown;

import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.xml.DocumentFragment;
import org.teavm.jso.dom.xml.Node;

/**
 * The one path by which untrusted text (model answers, imported conversations) becomes page content:
 * Markdown ({@link Markdown}), then DOMPurify ({@link Sanitizer}), then code blocks decorated
 * ({@link CodeBlocks}). Nothing else in the app may set HTML from such text.
 *
 * <p>While an answer streams, the blocks that became final are appended once, as sanitized nodes that
 * are never re-created, and only the unfinished tail (a block or two) is replaced on each update, so
 * the cost of a token does not grow with the answer. {@link #finish} then shows exactly what the
 * whole text renders to. Without DOMPurify (it failed to load) the text is shown as plain text,
 * never as HTML.
 */
public final class MarkdownView {
    private static Markdown markdown;

    private final HTMLElement container;
    /** False when DOMPurify is missing: then the text is shown as text. */
    private final boolean rich;
    private final MarkdownStream stream;
    /** The HTML of the final blocks shown so far, in order: what {@link #finish} compares with the whole render. */
    private final StringBuilder finalHtml = new StringBuilder();
    /** The container's nodes after the final ones: replaced on each update. */
    private final List<Node> tail = new ArrayList<>();
    private boolean finished;

    /** A view that owns container (its content is replaced) for one answer. */
    public MarkdownView(HTMLElement container) {
        this.container = container;
        this.rich = Sanitizer.isSupported();
        this.stream = new MarkdownStream(markdown());
        container.setTextContent("");
    }

    /** Shows a stored message: the whole text at once. */
    public static void render(HTMLElement container, String fullText) {
        MarkdownView view = new MarkdownView(container);
        view.finished = true;
        if (view.rich) {
            view.insert(markdown().toHtml(fullText), true);
        } else {
            container.setTextContent(fullText);
        }
    }

    /** Adds streamed text: new final blocks are appended, the tail replaced. */
    public void append(String delta) {
        if (finished) {
            throw new IllegalStateException("This answer is finished; start a new MarkdownView for another one");
        }
        if (delta.isEmpty()) {
            return;
        }
        if (!rich) {
            container.appendChild(container.getOwnerDocument().createTextNode(delta));
            return;
        }
        MarkdownStream.Update update = stream.append(delta);
        removeTail();
        for (String block : update.finalBlocks()) {
            finalHtml.append(block);
            insert(block, true);
        }
        tail.addAll(insert(update.tail(), false));
    }

    /**
     * Ends the stream: the result is the whole text's render. When the streamed final blocks are a
     * prefix of it (the usual case) only the tail is replaced; otherwise (a link reference defined
     * after its use, say) everything is.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (!rich) {
            return;
        }
        String whole = stream.finish();
        String streamed = finalHtml.toString();
        removeTail();
        if (whole.startsWith(streamed)) {
            insert(whole.substring(streamed.length()), true);
        } else {
            container.setTextContent("");
            insert(whole, true);
        }
    }

    private void removeTail() {
        for (Node n : tail) {
            container.removeChild(n);
        }
        tail.clear();
    }

    /** Appends the sanitized nodes of html (code blocks decorated when final) and returns them. */
    private List<Node> insert(String html, boolean decorate) {
        List<Node> nodes = new ArrayList<>();
        if (html.isEmpty()) {
            return nodes;
        }
        DocumentFragment fragment = Sanitizer.cleanToFragment(html);
        if (decorate) {
            CodeBlocks.decorateUnder(fragment);
        }
        for (Node n = fragment.getFirstChild(); n != null; n = n.getNextSibling()) {
            nodes.add(n);
        }
        container.appendChild(fragment);
        return nodes;
    }

    private static Markdown markdown() {
        if (markdown == null) {
            markdown = new Markdown(); // one parser and renderer for the page: building them is not free
        }
        return markdown;
    }

    /**
     * Defines self.locaraRenderProbe for the end-to-end tests: it renders text into new elements inside
     * host through this class, exactly as an answer is rendered (see {@link RenderProbe}).
     */
    public static void installTestHook(HTMLElement host) {
        RenderProbe.install(host);
    }
}
