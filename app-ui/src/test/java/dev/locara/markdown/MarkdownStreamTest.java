package dev.locara.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MarkdownStreamTest {
    private static final String[] ANSWERS = {
        "# Title\n\nSome *text* with `code`.\n\n- one\n- two\n  continued\n\n1. first\n2. second\n\n"
            + "```python\ndef f(x):\n\n    return x  # blank line inside the fence\n```\n\nAfter the code.\n",
        "Intro paragraph\nthat goes on.\n\n| h1 | h2 |\n|----|----|\n| a | b |\n| c | d |\n\n> quoted\n> more\n\n---\n\nEnd",
        "Setext heading\n===\n\n  - indented list\n  - item\n\n        indented code\n\n        more code\n\ntext ~~struck~~",
        "- [x] task\n- [ ] other\n\n\n\n3) numbered\n4) next\n\nTrailing text with a [link](https://example.org).",
    };

    /** Whatever the token boundaries, the final blocks and the tail add up to the whole text's HTML. */
    @Test
    void streamedBlocksAddUpToTheWholeRendering() {
        Markdown md = new Markdown();
        Random random = new Random(7);
        for (String answer : ANSWERS) {
            String whole = md.toHtml(answer);
            int blocks = 0;
            for (org.commonmark.node.Node n = md.parse(answer).getFirstChild(); n != null; n = n.getNext()) {
                blocks++;
            }
            for (int round = 0; round < 20; round++) {
                MarkdownStream stream = new MarkdownStream(md);
                StringBuilder shown = new StringBuilder();
                String tail = "";
                int finalBlocks = 0;
                for (int i = 0; i < answer.length(); ) {
                    int n = 1 + random.nextInt(6);
                    MarkdownStream.Update u = stream.append(answer.substring(i, Math.min(answer.length(), i + n)));
                    u.finalBlocks().forEach(shown::append);
                    finalBlocks += u.finalBlocks().size();
                    tail = u.tail();
                    i += n;
                }
                assertEquals(whole, shown + tail, answer);
                assertEquals(whole, stream.finish());
                // All but the last one or two (while the last line is unfinished) were final before the end.
                assertTrue(finalBlocks >= blocks - 2, "blocks became final while streaming: " + finalBlocks);
            }
        }
    }

    /** A long answer's per-token work is its last block, not everything before it. */
    @Test
    void eachTokenReparsesOnlyTheLastBlock() {
        Markdown md = new Markdown();
        MarkdownStream stream = new MarkdownStream(md);
        String paragraph = "A sentence of an answer that goes on for a while. ";
        for (int i = 0; i < 200; i++) {
            stream.append(paragraph + "\n\n");
        }
        MarkdownStream.Update u = stream.append("last words");
        assertTrue(u.finalBlocks().isEmpty(), "the 199 paragraphs before were final already");
        // Its line unfinished, the last paragraph might still join the one before: both are the tail.
        assertEquals("<p>" + paragraph.strip() + "</p>\n<p>last words</p>\n", u.tail());
        u = stream.append("\n");
        assertEquals(1, u.finalBlocks().size());
        assertEquals("<p>last words</p>\n", u.tail());
    }
}
