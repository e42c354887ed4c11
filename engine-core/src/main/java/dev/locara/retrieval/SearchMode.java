package dev.locara.retrieval;

/** How {@link DocumentIndex#search} ranks: BM25 over terms, cosine over embeddings, or both fused. */
public enum SearchMode {
    KEYWORD, VECTOR, HYBRID
}
