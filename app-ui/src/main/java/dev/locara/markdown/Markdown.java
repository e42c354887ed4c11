package dev.locara.markdown;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Untrusted text (model answers, imported conversations) as HTML: CommonMark with GFM tables,
 * strikethrough and task lists, by commonmark-java. Raw HTML in the text is escaped, never passed
 * through, and link and image addresses go through {@link UrlPolicy}; the page sanitizes the result
 * once more (DOMPurify) before it is shown, so one mistake here is not enough to run a script.
 */
public final class Markdown {
    private static final List<Extension> GFM = List.of(TablesExtension.create(), StrikethroughExtension.create(),
            TaskListItemsExtension.create());
    /** Hostile text can nest blocks and inlines thousands deep; past these it is read as plain text. */
    private static final int MAX_OPEN_BLOCKS = 64;
    private static final int MAX_INLINE_NESTING = 32;

    private final Parser parser = Parser.builder().extensions(GFM)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .maxOpenBlockParsers(MAX_OPEN_BLOCKS)
            .maxInlineNesting(MAX_INLINE_NESTING)
            .build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(GFM)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new UrlPolicy())
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    // Links leave the app only in a new tab that cannot reach back, and say nothing of where from.
                    if (attributes.getOrDefault("href", "").isEmpty()) {
                        attributes.remove("href");
                    } else {
                        attributes.put("target", "_blank");
                        attributes.put("rel", "noopener noreferrer nofollow");
                    }
                } else if (node instanceof Image && attributes.getOrDefault("src", "").isEmpty()) {
                    attributes.remove("src"); // an empty src would request the page itself
                }
            })
            .build();

    /** The whole text as HTML. */
    public String toHtml(String text) {
        return renderer.render(parser.parse(text));
    }

    Node parse(String text) {
        return parser.parse(text);
    }

    String render(Node node) {
        return renderer.render(node);
    }
}
