package dev.locara.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CodeBlocksTest {
    private final Markdown markdown = new Markdown();

    /** The language comes from the class commonmark gives a fenced block, read from its own output. */
    @Test
    void theFenceNamesTheLanguage() {
        String html = markdown.toHtml("```Python extra words\nx\n```");
        String cls = html.substring(html.indexOf("class=\"") + 7, html.indexOf('"', html.indexOf("class=\"") + 7));
        assertEquals("python", CodeBlocks.language(cls));
        assertEquals("c++", CodeBlocks.language("language-c++"));
        assertEquals("objective-c", CodeBlocks.language("other language-objective-c"));
    }

    /** A name highlight.js could not have never reaches its lookup (a hostile fence chooses it). */
    @Test
    void otherNamesAreNone() {
        assertNull(CodeBlocks.language(""));
        assertNull(CodeBlocks.language("language-"));
        assertNull(CodeBlocks.language("language-__proto__<x>"));
        assertNull(CodeBlocks.language("language-" + "a".repeat(33)));
        assertNull(CodeBlocks.language("language-пример"));
    }
}
