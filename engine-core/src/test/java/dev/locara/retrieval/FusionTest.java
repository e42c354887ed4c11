package dev.locara.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locara.docs.Chunk;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {
    private static final List<Chunk> C = Corpus.chunks("d", "aaaa", "bbbb", "cccc", "dddd", "eeee");

    private static Hit hit(int i) {
        return new Hit(C.get(i), 99 - i); // the scores themselves must not matter, only the ranks
    }

    @Test
    void reciprocalRankOnAHandWorkedExample() {
        // keyword: a, b, c; vector: c, d, a
        // a: 1/61 + 1/63 = 0.032266; c: 1/63 + 1/61 = the same, a tie broken by best rank (both 1), then
        // keyword list first; b: 1/62 = 0.016129; d: 1/62, a tie, b's best rank 2 = d's, keyword first
        List<Fusion.Ranked> fused = Fusion.reciprocalRank(List.of(hit(0), hit(1), hit(2)), List.of(hit(2), hit(3), hit(0)));
        assertEquals(List.of("aaaa", "cccc", "bbbb", "dddd"), fused.stream().map(r -> r.chunk().text()).toList());
        assertEquals(1.0 / 61 + 1.0 / 63, fused.get(0).score(), 1e-15);
        assertEquals(1.0 / 62, fused.get(2).score(), 1e-15);
        assertEquals(List.of(1, 3), List.of(fused.get(0).keywordRank(), fused.get(0).vectorRank()));
        assertEquals(List.of(0, 2), List.of(fused.get(3).keywordRank(), fused.get(3).vectorRank()));
    }

    @Test
    void agreementBeatsOneFirstPlace() {
        // e is first in one list only; b is second in both: 2/62 > 1/61
        List<Fusion.Ranked> fused = Fusion.reciprocalRank(List.of(hit(4), hit(1)), List.of(hit(0), hit(1)));
        assertEquals("bbbb", fused.get(0).chunk().text());
        assertEquals(2.0 / 62, fused.get(0).score(), 1e-15);
    }
}
