package dev.locara.retrieval;

import dev.locara.docs.Chunk;

/** A chunk and its score in one index's ranking (BM25 for {@link KeywordIndex}, cosine for {@link VectorIndex}). */
public record Hit(Chunk chunk, double score) {
}
