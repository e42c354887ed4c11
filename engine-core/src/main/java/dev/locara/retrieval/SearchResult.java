package dev.locara.retrieval;

import dev.locara.docs.Chunk;
import java.util.List;

/**
 * One ranked passage. {@code rank} is 1-based; {@code score} is the mode's score (BM25, cosine, or fused
 * reciprocal rank); {@code keywordRank} and {@code vectorRank} are the passage's 1-based rank in each list,
 * 0 when absent from it; {@code marks} are where query terms occur in {@code chunk.text()}, in order.
 */
public record SearchResult(Chunk chunk, int rank, double score, int keywordRank, int vectorRank, List<Span> marks) {
    public SearchResult {
        marks = List.copyOf(marks);
    }
}
