package dev.locara.retrieval;

import dev.locara.docs.Chunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Buettcher, 2009): a passage scores the sum over the lists it
 * is in of 1 / (K + rank). It needs no calibration between BM25 scores and cosines, which live on unrelated
 * scales, and K = 60 is the paper's constant, which keeps one list's first place from outweighing agreement.
 */
public final class Fusion {
    public static final int K = 60;

    /** A passage with its score and its 1-based rank in the keyword and the vector list (0 when absent). */
    public record Ranked(Chunk chunk, double score, int keywordRank, int vectorRank) {
    }

    private Fusion() {
    }

    /**
     * The union of both lists by fused score, best first. Equal scores go to the passage with the better
     * single rank, and then to the keyword list's, so the order never depends on hashing.
     */
    public static List<Ranked> reciprocalRank(List<Hit> keyword, List<Hit> vector) {
        Map<Chunk, int[]> ranks = new HashMap<>(); // chunk -> {keywordRank, vectorRank}
        List<Chunk> order = new ArrayList<>();
        collect(keyword, 0, ranks, order);
        collect(vector, 1, ranks, order);
        List<Ranked> fused = new ArrayList<>(order.size());
        for (Chunk c : order) {
            int[] r = ranks.get(c);
            fused.add(new Ranked(c, contribution(r[0]) + contribution(r[1]), r[0], r[1]));
        }
        fused.sort((a, b) -> {
            int byScore = Double.compare(b.score(), a.score());
            return byScore != 0 ? byScore : Integer.compare(bestRank(a), bestRank(b));
        }); // a stable sort: the keyword list's passages stay ahead on full ties
        return fused;
    }

    /**
     * The first {@code k} passages of {@code ranked} that are not near-duplicates
     * ({@link Chunk#nearDuplicateOf}, the chunker's overlap) of a better one already kept.
     */
    public static List<Ranked> withoutNearDuplicates(List<Ranked> ranked, int k) {
        List<Ranked> kept = new ArrayList<>();
        for (Ranked r : ranked) {
            if (kept.size() == k) {
                break;
            }
            boolean duplicate = false;
            for (Ranked better : kept) {
                if (better.chunk().nearDuplicateOf(r.chunk())) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                kept.add(r);
            }
        }
        return kept;
    }

    /** Records each hit's 1-based rank in slot {@code list} of its chunk's entry, first sight deciding order. */
    private static void collect(List<Hit> hits, int list, Map<Chunk, int[]> ranks, List<Chunk> order) {
        for (int i = 0; i < hits.size(); i++) {
            ranks.computeIfAbsent(hits.get(i).chunk(), x -> {
                order.add(x);
                return new int[2];
            })[list] = i + 1;
        }
    }

    private static double contribution(int rank) {
        return rank == 0 ? 0 : 1.0 / (K + rank);
    }

    private static int bestRank(Ranked r) {
        int a = r.keywordRank() == 0 ? Integer.MAX_VALUE : r.keywordRank();
        int b = r.vectorRank() == 0 ? Integer.MAX_VALUE : r.vectorRank();
        return Math.min(a, b);
    }
}
