package dev.locara.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.docs.Chunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DocumentIndexTest {
    private static List<String> texts(List<SearchResult> results) {
        return results.stream().map(r -> r.chunk().text()).toList();
    }

    @Test
    void rePutReplacesAndRemoveRemoves() {
        DocumentIndex index = new DocumentIndex();
        index.put(Corpus.document("a", "the old llama text", "more about alpacas"));
        index.put(Corpus.document("b", "a llama in document b"));
        index.put(Corpus.document("a", "the new llama text"));
        assertEquals(Set.of("a", "b"), index.documents());
        assertEquals(2, index.chunkCount());
        // equal scores, so the order of putting decides: the re-put "a" now comes after "b"
        assertEquals(List.of("a llama in document b", "the new llama text"),
                texts(index.search("llama", null, SearchMode.KEYWORD, 10, null)));
        assertEquals(List.of(), texts(index.search("alpacas", null, SearchMode.KEYWORD, 10, null)));
        assertTrue(index.remove("a"));
        assertFalse(index.remove("a"));
        assertEquals(List.of("a llama in document b"), texts(index.search("llama", null, SearchMode.KEYWORD, 10, null)));
        assertEquals(1, index.chunkCount());
    }

    @Test
    void documentIdsFilterKeepsOnlyThoseDocuments() {
        DocumentIndex index = new DocumentIndex();
        index.put(Corpus.document("a", "llama one"));
        index.put(Corpus.document("b", "llama llama two"));
        index.put(Corpus.document("c", "llama three"));
        List<SearchResult> r = index.search("llama", null, SearchMode.KEYWORD, 10, Set.of("a", "c"));
        assertEquals(Set.of("a", "c"), Set.copyOf(r.stream().map(x -> x.chunk().documentId()).toList()));
        assertEquals(List.of(), index.search("llama", null, SearchMode.KEYWORD, 10, Set.of("zzz")));
    }

    @Test
    void manyRemovalsCompactWithoutChangingResults() {
        DocumentIndex index = new DocumentIndex();
        for (int i = 0; i < 600; i++) {
            index.put(Corpus.document("d" + i, "common word " + i, "rare" + (i % 7) + " common"));
        }
        List<SearchResult> before = index.search("rare3 common", null, SearchMode.KEYWORD, 5, Set.of("d3", "d10"));
        for (int i = 0; i < 600; i++) {
            if (i != 3 && i != 10) {
                index.remove("d" + i);
            }
        }
        for (int i = 0; i < 600; i++) { // removed and put back: the statistics return to what they were
            if (i != 3 && i != 10) {
                index.put(Corpus.document("d" + i, "common word " + i, "rare" + (i % 7) + " common"));
            }
        }
        List<SearchResult> after = index.search("rare3 common", null, SearchMode.KEYWORD, 5, Set.of("d3", "d10"));
        assertEquals(texts(before), texts(after));
        assertEquals(before.stream().map(SearchResult::score).toList(), after.stream().map(SearchResult::score).toList());
        assertEquals(1200, index.chunkCount());
    }

    @Test
    void vectorSearchMatchesBruteForceCosine() {
        SplittableRandom random = new SplittableRandom(7);
        int dim = 24;
        DocumentIndex index = new DocumentIndex();
        List<Chunk> all = new ArrayList<>();
        List<float[]> raw = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            List<Chunk> chunks = Corpus.chunks("doc" + d, "x".repeat(10), "y".repeat(10), "z".repeat(10));
            float[][] vectors = new float[chunks.size()][dim];
            for (float[] v : vectors) {
                for (int i = 0; i < dim; i++) {
                    v[i] = (float) random.nextGaussian();
                }
                raw.add(v);
            }
            all.addAll(chunks);
            index.put(new IndexedDocument("doc" + d, "test-model", chunks, vectors));
        }
        float[] q = new float[dim];
        for (int i = 0; i < dim; i++) {
            q[i] = (float) random.nextGaussian();
        }
        List<Integer> order = new ArrayList<>();
        double[] cosine = new double[all.size()];
        for (int c = 0; c < all.size(); c++) {
            double dot = 0;
            double qq = 0;
            double vv = 0;
            for (int i = 0; i < dim; i++) {
                dot += q[i] * raw.get(c)[i];
                qq += q[i] * q[i];
                vv += raw.get(c)[i] * raw.get(c)[i];
            }
            cosine[c] = dot / Math.sqrt(qq * vv);
            order.add(c);
        }
        order.sort(Comparator.comparingDouble(c -> -cosine[c]));
        List<SearchResult> r = index.search("", q, SearchMode.VECTOR, 10, null);
        assertEquals(10, r.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(all.get(order.get(i)), r.get(i).chunk());
            assertEquals(cosine[order.get(i)], r.get(i).score(), 1e-5);
            assertEquals(i + 1, r.get(i).vectorRank());
            assertEquals(0, r.get(i).keywordRank());
        }
        assertTrue(index.hasVectors());
        assertEquals(Set.of("test-model"), index.embeddingModels());
        assertThrows(IllegalArgumentException.class, () -> index.search("x", new float[dim + 1], SearchMode.VECTOR, 5, null));
        assertThrows(IllegalArgumentException.class, () -> index.search("x", null, SearchMode.VECTOR, 5, null));
        assertEquals(5, index.search("y".repeat(10), new float[dim + 1], SearchMode.KEYWORD, 5, null).size()); // unused
    }

    @Test
    void hybridFusesBothListsAndFallsBackToKeywordsWithoutVectors() {
        DocumentIndex index = new DocumentIndex();
        List<Chunk> chunks = Corpus.chunks("d", "llama alpaca", "llama", "vicuna");
        index.put(new IndexedDocument("d", "m", chunks, new float[][] {{1, 0}, {0, 1}, {0.8f, 0.6f}}));
        List<SearchResult> r = index.search("alpaca llama", new float[] {1, 0}, SearchMode.HYBRID, 3, null);
        // keyword: "llama alpaca" 1, "llama" 2; vector: "llama alpaca" 1, "vicuna" 2, "llama" 3
        assertEquals(List.of("llama alpaca", "llama", "vicuna"), texts(r));
        assertEquals(2.0 / 61, r.get(0).score(), 1e-12);
        assertEquals(1.0 / 62 + 1.0 / 63, r.get(1).score(), 1e-12);
        assertEquals(List.of(2, 3), List.of(r.get(1).keywordRank(), r.get(1).vectorRank()));
        assertEquals(List.of(0, 2), List.of(r.get(2).keywordRank(), r.get(2).vectorRank()));
        DocumentIndex keywordOnly = new DocumentIndex();
        keywordOnly.put(Corpus.document("d", "llama alpaca", "llama", "vicuna"));
        assertFalse(keywordOnly.hasVectors());
        List<SearchResult> fallback = keywordOnly.search("alpaca llama", new float[] {1, 0}, SearchMode.HYBRID, 3, null);
        assertEquals(List.of("llama alpaca", "llama"), texts(fallback));
        assertEquals(1.0 / 62, fallback.get(1).score(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> keywordOnly.search("llama", new float[] {1, 0}, SearchMode.VECTOR, 3, null));
    }

    @Test
    void nearDuplicatesAreRemovedKeepingTheBetter() {
        String text = "llama llama llama and alpaca";
        // two overlapping chunks of one passage, as the chunker's overlap makes them, and a third apart
        List<Chunk> chunks = List.of(new Chunk("d", 0, List.of(), 0, 0, 28, text, 7),
                new Chunk("d", 1, List.of(), 0, 6, 28, text.substring(6), 5),
                new Chunk("d", 2, List.of(), 0, 100, 111, "llama zebra", 2));
        DocumentIndex index = new DocumentIndex();
        index.put(IndexedDocument.keywordOnly("d", chunks));
        List<SearchResult> r = index.search("llama", null, SearchMode.KEYWORD, 5, null);
        // BM25 ranks 0, 1, 2 (three, two and one "llama"); 1 overlaps 0 on 22 of its 22 characters
        assertEquals(List.of(0, 2), r.stream().map(x -> x.chunk().ordinal()).toList());
        assertEquals(List.of(1, 3), r.stream().map(SearchResult::keywordRank).toList());
        assertEquals(List.of(1, 2), r.stream().map(SearchResult::rank).toList());
    }

    @Test
    void marksLandOnTheMatchedCharacters() {
        String text = "🦙 Café society: the CAFES of Paris, cafe\u0301 culture";
        DocumentIndex index = new DocumentIndex();
        index.put(Corpus.document("d", text));
        SearchResult r = index.search("cafe", null, SearchMode.KEYWORD, 1, null).get(0);
        List<String> marked = r.marks().stream().map(s -> text.substring(s.start(), s.end())).toList();
        assertEquals(List.of("Café", "CAFES", "cafe\u0301"), marked);
        assertEquals(3, r.marks().get(0).start()); // after the emoji's two UTF-16 units and a space
    }

    @Test
    void badArgumentsSaySo() {
        DocumentIndex index = new DocumentIndex();
        assertThrows(IllegalArgumentException.class, () -> index.search("x", null, SearchMode.KEYWORD, 0, null));
        assertThrows(IllegalArgumentException.class, () -> index.search("x", null, null, 1, null));
        assertEquals(List.of(), index.search("x", new float[3], SearchMode.VECTOR, 1, null)); // nothing indexed yet
        assertEquals(List.of(), index.search("the of and", null, SearchMode.KEYWORD, 1, null)); // stop words only
    }
}
