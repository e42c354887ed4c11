package dev.locara.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.junit.jupiter.api.Test;

class MarkdownExportTest {
    private static final Conversation CHAT = new Conversation("c", "What is *2+2*? #math", false,
            "Be brief.\n\nUse numbers.", Sampling.defaults(), 1, 2, List.of(
                    ChatMessage.user("u", "What is 2+2?", 1),
                    new ChatMessage("a", Role.ASSISTANT, "It is **4**.\n", "Add two and two.\n\nThat makes four.", "qwen3",
                            2, new MessageStats(5, 3, 10, 20, "stop")),
                    ChatMessage.user("u2", "```\ncode\n```", 3),
                    new ChatMessage("b", Role.ASSISTANT, "Done", null, null, 4, null)));

    @Test
    void transcript() {
        assertEquals("""
                # What is \\*2+2\\*? \\#math

                **System prompt**

                > Be brief.
                >
                > Use numbers.

                ---

                **You**

                What is 2+2?

                ---

                **Assistant (qwen3)**

                > *Thinking*
                >
                > Add two and two.
                >
                > That makes four.

                It is **4**.

                ---

                **You**

                ```
                code
                ```

                ---

                **Assistant**

                Done

                """, MarkdownExport.of(CHAT));
    }

    /** Read by CommonMark itself: the title is one heading whose text is the title, not markup. */
    @Test
    void aMarkdownReaderSeesTheTitleAsText() {
        Node doc = Parser.builder().build().parse(MarkdownExport.of(CHAT));
        Node first = doc.getFirstChild();
        assertEquals(Heading.class, first.getClass());
        assertEquals(1, ((Heading) first).getLevel());
        String text = TextContentRenderer.builder().build().render(first).strip();
        assertEquals("What is *2+2*? #math", text);
        Conversation hostile = Fixtures.small("h", "<img src=x onerror=alert(1)> [a](javascript:x) `b` ~~c~~ | d & e", 1);
        Node h = Parser.builder().build().parse(MarkdownExport.of(hostile)).getFirstChild();
        assertEquals("<img src=x onerror=alert(1)> [a](javascript:x) `b` ~~c~~ | d & e",
                TextContentRenderer.builder().build().render(h).strip());
        assertEquals(null, h.getFirstChild().getNext(), "one text node: no HTML, link or code inside");
    }
}
