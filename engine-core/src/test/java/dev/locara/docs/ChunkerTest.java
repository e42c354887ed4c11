package dev.locara.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
    /** One token per started 4 characters, a stand-in with a tokenizer's shape: long words take several. */
    private static final TokenCounter COUNTER = t -> (t.length() + 3) / 4;

    private static String words(String stem, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(stem).append(i).append(i % 9 == 8 ? "." : "");
        }
        return sb.toString();
    }

    private static void assertExact(DocumentText doc, List<Chunk> chunks) {
        String text = doc.text();
        for (Chunk c : chunks) {
            assertEquals(c.text(), text.substring(c.start(), c.end()), "offsets of chunk " + c.ordinal());
            assertTrue(c.start() == 0 || Character.isWhitespace(text.charAt(c.start() - 1)), "starts at a word " + c.ordinal());
            assertTrue(c.end() == text.length() || Character.isWhitespace(text.charAt(c.end())), "ends at a word " + c.ordinal());
        }
    }

    @Test
    void chunksFollowHeadingsAndKeepTheirPath() {
        String md = "# Guide\n\nIntro text here.\n\n## Install\n\n" + words("inst", 300) + "\n\n## Use\n\nShort use section.\n\n"
                + "### Flags\n\n" + words("flag", 40) + "\n\n# Appendix\n\nThe end.";
        DocumentText doc = TextReader.markdown("g.md", md);
        List<Chunk> chunks = new Chunker(COUNTER).chunk("g", doc);
        assertExact(doc, chunks);
        assertEquals(List.of("Guide"), chunks.get(0).headingPath());
        assertEquals("Intro text here.", chunks.get(0).text());
        List<List<String>> paths = new ArrayList<>();
        for (Chunk c : chunks) {
            paths.add(c.headingPath());
            assertFalse(c.text().contains("##"), "no chunk spans a heading: " + c.text());
        }
        assertTrue(paths.contains(List.of("Guide", "Use", "Flags")));
        assertEquals(List.of("Appendix"), chunks.get(chunks.size() - 1).headingPath());
        long install = paths.stream().filter(p -> p.equals(List.of("Guide", "Install"))).count();
        assertTrue(install >= 3, "300 words of 2 tokens in 200-token chunks: " + install);
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i, chunks.get(i).ordinal());
            assertTrue(chunks.get(i).tokens() <= Chunker.TARGET_TOKENS + Chunker.MIN_TOKENS, "bounded: " + chunks.get(i).tokens());
        }
    }

    @Test
    void neighboursOverlapAndTheTinyTailJoinsThePreviousChunk() {
        // 110 words of 2 tokens: 200 tokens fill one chunk, the 20-token rest is under 48 and joins it.
        DocumentText doc = TextReader.plain("a.txt", words("wo", 110));
        List<Chunk> one = new Chunker(COUNTER).chunk("a", doc);
        assertEquals(1, one.size());
        assertEquals(doc.text(), one.get(0).text());

        DocumentText big = TextReader.plain("b.txt", words("wo", 400));
        List<Chunk> chunks = new Chunker(COUNTER).chunk("b", big);
        assertExact(big, chunks);
        for (int i = 1; i < chunks.size(); i++) {
            int overlap = chunks.get(i - 1).end() - chunks.get(i).start();
            assertTrue(overlap > 0, "chunks " + (i - 1) + " and " + i + " overlap");
            assertTrue(COUNTER.count(big.text().substring(chunks.get(i).start(), chunks.get(i - 1).end())) <= Chunker.OVERLAP_TOKENS + 2);
        }
        assertEquals(big.text().length(), chunks.get(chunks.size() - 1).end());
    }

    @Test
    void aChunkEndsAtAParagraphBoundaryWhenOneIsInReach() {
        String text = words("aa", 70) + "\n\n" + words("bb", 70) + "\n\n" + words("cc", 70);
        DocumentText doc = TextReader.plain("p.txt", text);
        List<Chunk> chunks = new Chunker(COUNTER).chunk("p", doc);
        assertExact(doc, chunks);
        assertTrue(chunks.get(0).text().endsWith("bb69"), chunks.get(0).text());
    }

    @Test
    void pagesAreNeverMixed() {
        DocumentText doc = new DocumentText("x.pdf", "application/pdf", 2,
                List.of(Block.text("first page words", 1), Block.text("second page words", 2)));
        List<Chunk> chunks = new Chunker(COUNTER).chunk("x", doc);
        assertEquals(2, chunks.size());
        assertEquals(1, chunks.get(0).page());
        assertEquals(2, chunks.get(1).page());
        assertExact(doc, chunks);
    }

    @Test
    void aWordLongerThanTheTargetIsKeptWhole() {
        DocumentText doc = TextReader.plain("l.txt", "short " + "x".repeat(100) + " tail");
        List<Chunk> chunks = new Chunker(COUNTER, 10, 2, 0).chunk("l", doc);
        assertExact(doc, chunks);
        assertTrue(chunks.stream().anyMatch(c -> c.text().contains("x".repeat(100))));
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Chunker(COUNTER, 100, 100, 10));
        assertThrows(IllegalArgumentException.class, () -> new Chunker(COUNTER, 0, 0, 0));
    }
}
