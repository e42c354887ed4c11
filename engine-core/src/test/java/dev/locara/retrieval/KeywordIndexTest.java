package dev.locara.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locara.docs.Chunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class KeywordIndexTest {
    private static final String[] WORDS = {"llama", "alpaca", "vicuna", "guanaco", "camel", "wool", "andes", "herd"};

    private static List<Chunk> randomChunks(String id, SplittableRandom r) {
        String[] texts = new String[r.nextInt(0, 5)];
        for (int i = 0; i < texts.length; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = r.nextInt(0, 12); w > 0; w--) {
                sb.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            texts[i] = sb.toString();
        }
        return Corpus.chunks(id, texts);
    }

    /** Random puts, re-puts and removes, past several compactions, score exactly as an index built afresh. */
    @Property(tries = 20)
    void incrementalUpdatesEqualAFreshBuild(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        KeywordIndex incremental = new KeywordIndex();
        Map<String, List<Chunk>> live = new LinkedHashMap<>(); // in slot order: a re-put goes last
        for (int op = 0; op < 1500; op++) {
            String id = "d" + r.nextInt(120);
            if (r.nextInt(3) == 0) {
                incremental.remove(id);
                live.remove(id);
            } else {
                List<Chunk> chunks = randomChunks(id, r);
                incremental.add(id, chunks);
                live.remove(id);
                live.put(id, chunks);
            }
        }
        KeywordIndex fresh = new KeywordIndex();
        live.forEach(fresh::add);
        assertEquals(fresh.chunkCount(), incremental.chunkCount());
        Set<String> some = Set.copyOf(new ArrayList<>(live.keySet()).subList(0, Math.min(10, live.size())));
        for (String w : WORDS) {
            List<String> q = List.of(w, WORDS[r.nextInt(WORDS.length)]);
            assertEquals(fresh.search(q, 1000, null), incremental.search(q, 1000, null), "query " + q);
            assertEquals(fresh.search(q, 7, some), incremental.search(q, 7, some), "query " + q + " in " + some);
        }
    }

    @Test
    void bm25ByHandOnATinyIndex() {
        // chunk 0 "llama llama alpaca" (dl 3), chunk 1 "alpaca" (dl 1): N = 2, avgdl = 2
        KeywordIndex index = new KeywordIndex();
        index.add("d", Corpus.chunks("d", "llama llama alpaca", "alpaca"));
        double idfLlama = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
        double expected = idfLlama * 2 / (2 + 1.2 * (1 - 0.75 + 0.75 * 3 / 2.0));
        List<Hit> hits = index.search(List.of("llama"), 10, null);
        assertEquals(1, hits.size());
        assertEquals(expected, hits.get(0).score(), 1e-12);
        double idfAlpaca = Math.log(1 + (2 - 2 + 0.5) / (2 + 0.5));
        List<Hit> both = index.search(List.of("alpaca"), 10, null);
        assertEquals(idfAlpaca * 1 / (1 + 1.2 * (0.25 + 0.75 * 1 / 2.0)), both.get(0).score(), 1e-12); // shorter first
        assertEquals("alpaca", both.get(0).chunk().text());
    }
}
