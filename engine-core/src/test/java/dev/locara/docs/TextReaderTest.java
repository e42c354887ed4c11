package dev.locara.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextReaderTest {
    @Test
    void plainTextSplitsAtBlankLines() {
        DocumentText doc = TextReader.plain("a.txt", "One line\r\nsame paragraph\r\n\r\n  \nSecond.\n");
        assertEquals(List.of(Block.text("One line\nsame paragraph", 0), Block.text("Second.", 0)), doc.blocks());
        assertEquals("One line\nsame paragraph\n\nSecond.", doc.text());
        assertEquals(List.of(0, 25), List.of(doc.blockStarts()[0], doc.blockStarts()[1]));
    }

    @Test
    void markdownHeadingsBecomeBlocksAndCodeStaysWhole() {
        String md = """
                # Guide ##
                Intro text.

                Setext title
                ------------
                ```sh
                # not a heading

                echo hi
                ```
                #hashtag is text
                ###### Six
                """;
        DocumentText doc = TextReader.markdown("g.md", md);
        assertEquals(List.of(
                Block.heading(1, "Guide", 0),
                Block.text("Intro text.", 0),
                Block.heading(2, "Setext title", 0),
                Block.text("```sh\n# not a heading\n\necho hi\n```", 0),
                Block.text("#hashtag is text", 0),
                Block.heading(6, "Six", 0)), doc.blocks());
    }
}
