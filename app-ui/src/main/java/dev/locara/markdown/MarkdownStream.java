package dev.locara.markdown;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

/**
 * An answer rendered while it streams, without parsing or rendering the whole answer again for each
 * token. A top-level block is final once a later block has begun on a finished line (nothing after it
 * can change it then, link reference definitions aside), so only the text from the start of the
 * last block or two is parsed again; the page appends the final blocks once and replaces only the tail.
 * {@link #finish} renders the whole text once, exactly, for what the stream could not know.
 */
public final class MarkdownStream {
    /** Blocks that became final with this update, in order, and the HTML of the unfinished tail. */
    public record Update(List<String> finalBlocks, String tail) {
    }

    private final Markdown markdown;
    private final StringBuilder text = new StringBuilder();
    /** Where the unfinished tail starts in {@link #text}: the start of the line of the last block. */
    private int tailStart;

    public MarkdownStream(Markdown markdown) {
        this.markdown = markdown;
    }

    /** Adds streamed text and says what changed. */
    public Update append(String delta) {
        text.append(delta);
        String tail = text.substring(tailStart);
        List<Node> blocks = new ArrayList<>();
        for (Node n = markdown.parse(tail).getFirstChild(); n != null; n = n.getNext()) {
            blocks.add(n);
        }
        // The first block of the tail: the last block, or the one before it while the last one's line is
        // unfinished ("|" after a table is a paragraph until it becomes "| a | b |", a row of the table).
        int first = blocks.size() - 1;
        if (first > 0 && tail.indexOf('\n', Math.max(0, lineStart(blocks.get(first)))) < 0) {
            first--;
        }
        int firstStart = first > 0 ? lineStart(blocks.get(first)) : -1;
        List<String> done = new ArrayList<>();
        if (firstStart > 0) {
            for (int i = 0; i < first; i++) {
                done.add(markdown.render(blocks.get(i)));
            }
            tailStart += firstStart;
        } else {
            first = 0;
        }
        StringBuilder html = new StringBuilder();
        for (int i = first; i < blocks.size(); i++) {
            html.append(markdown.render(blocks.get(i)));
        }
        return new Update(done, html.toString());
    }

    /** The whole answer as HTML, to replace what the stream showed. */
    public String finish() {
        return markdown.toHtml(text.toString());
    }

    /**
     * Where the block's first line starts in the parsed text (blocks may be indented up to three
     * spaces), or -1 when the parser kept no position for it: then nothing is taken as final.
     */
    private static int lineStart(Node block) {
        List<SourceSpan> spans = block.getSourceSpans();
        if (spans.isEmpty()) {
            return -1;
        }
        SourceSpan first = spans.get(0);
        return first.getInputIndex() - first.getColumnIndex();
    }
}
