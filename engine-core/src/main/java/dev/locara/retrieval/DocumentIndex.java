package dev.locara.retrieval;

import dev.locara.docs.Chunk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The search core shared by the command line and the browser worker: a {@link KeywordIndex} and a
 * {@link VectorIndex} over the same documents, and the ranking that combines them. Every mode drops
 * near-duplicate passages (overlapping chunks of one document), keeping the better ranked, so the overlap
 * the chunker adds never fills the results with one passage twice.
 */
public final class DocumentIndex {
    /** How deep each list goes into the fusion: past 50, a list's ranks add little (1/110 and less). */
    static final int FUSION_DEPTH = 50;

    private final Map<String, IndexedDocument> documents = new LinkedHashMap<>();
    private final KeywordIndex keyword = new KeywordIndex();
    private final VectorIndex vector = new VectorIndex();
    private int chunkCount;

    public DocumentIndex() {
    }

    /** Adds {@code doc}, replacing every chunk of its documentId (a re-import duplicates nothing). */
    public void put(IndexedDocument doc) {
        remove(doc.documentId());
        documents.put(doc.documentId(), doc);
        keyword.add(doc.documentId(), doc.chunks());
        if (doc.vectors() != null) {
            vector.add(doc.documentId(), doc.chunks(), doc.vectors());
        }
        chunkCount += doc.chunks().size();
    }

    public boolean remove(String documentId) {
        IndexedDocument old = documents.remove(documentId);
        if (old == null) {
            return false;
        }
        keyword.remove(documentId);
        vector.remove(documentId);
        chunkCount -= old.chunks().size();
        return true;
    }

    /** The ids of the documents held, in the order they were put. */
    public Set<String> documents() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(documents.keySet()));
    }

    /** The entry stored for {@code documentId}, or null. */
    public IndexedDocument document(String documentId) {
        return documents.get(documentId);
    }

    public int chunkCount() {
        return chunkCount;
    }

    /** True when every document has vectors, all of one dimension (false for an empty index). */
    public boolean hasVectors() {
        for (IndexedDocument d : documents.values()) {
            if (d.vectors() == null) {
                return false;
            }
        }
        return !documents.isEmpty() && vector.dimensions().size() <= 1;
    }

    /** The embedding model ids of the documents that have vectors: the query must be embedded by the same. */
    public Set<String> embeddingModels() {
        Set<String> models = new LinkedHashSet<>();
        for (IndexedDocument d : documents.values()) {
            if (d.vectors() != null) {
                models.add(d.embeddingModel());
            }
        }
        return models;
    }

    /**
     * The k best passages. documentIds == null means all documents. queryVector is the L2-normalized query
     * embedding (input type QUERY), null allowed for KEYWORD; VECTOR without it throws
     * IllegalArgumentException; HYBRID without it (or without vectors) ranks by keyword alone. Hybrid is
     * reciprocal rank fusion ({@link Fusion}) over the top 50 of each list; near-duplicates are removed in
     * every mode, keeping the better.
     */
    public List<SearchResult> search(String query, float[] queryVector, SearchMode mode, int k, Set<String> documentIds) {
        if (mode == null || k < 1) {
            throw new IllegalArgumentException("A search needs a mode and k >= 1 (got " + mode + ", " + k + ").");
        }
        List<String> queryTerms = Terms.texts(query == null ? "" : query);
        boolean useVectors = mode != SearchMode.KEYWORD && queryVector != null && checkDimension(queryVector, mode);
        if (mode == SearchMode.VECTOR && queryVector == null) {
            throw new IllegalArgumentException("A VECTOR search needs the query's embedding: embed the query, "
                    + "or search by KEYWORD.");
        }
        List<Fusion.Ranked> ranked;
        if (mode == SearchMode.KEYWORD || (mode == SearchMode.HYBRID && !useVectors)) {
            ranked = deduplicated(n -> single(keyword.search(queryTerms, n, documentIds), true), k, mode);
        } else if (mode == SearchMode.VECTOR) {
            ranked = deduplicated(n -> single(vector.search(queryVector, n, documentIds), false), k, mode);
        } else {
            int depth = Math.max(FUSION_DEPTH, k);
            ranked = Fusion.withoutNearDuplicates(Fusion.reciprocalRank(
                    keyword.search(queryTerms, depth, documentIds), vector.search(queryVector, depth, documentIds)), k);
        }
        Set<String> wanted = new HashSet<>(queryTerms);
        List<SearchResult> out = new ArrayList<>(ranked.size());
        for (Fusion.Ranked r : ranked) {
            out.add(new SearchResult(r.chunk(), out.size() + 1, r.score(), r.keywordRank(), r.vectorRank(),
                    marks(r.chunk(), wanted)));
        }
        return out;
    }

    /** Where the query's terms occur in {@code chunk.text()}: the same reading as indexing, so "café" marks "cafe". */
    static List<Span> marks(Chunk chunk, Set<String> queryTerms) {
        List<Span> spans = new ArrayList<>();
        if (queryTerms.isEmpty()) {
            return spans;
        }
        for (Terms.Term t : Terms.of(chunk.text())) {
            if (queryTerms.contains(t.text())) {
                spans.add(new Span(t.start(), t.end()));
            }
        }
        return spans;
    }

    /** Whether vector search can run: false (keyword alone) for HYBRID on an index without vectors. */
    private boolean checkDimension(float[] queryVector, SearchMode mode) {
        Set<Integer> dims = vector.dimensions();
        if (dims.contains(queryVector.length)) {
            return true;
        }
        if (dims.isEmpty()) {
            if (mode == SearchMode.VECTOR && chunkCount > 0) {
                throw new IllegalArgumentException("No document in the index has vectors: index the documents "
                        + "with an embedding model, or search by KEYWORD.");
            }
            return false;
        }
        throw new IllegalArgumentException("The query vector has " + queryVector.length + " dimensions but the index "
                + "holds vectors of " + dims + " (models " + embeddingModels() + "): embed the query with the "
                + "model that indexed the documents.");
    }

    private interface Ranking {
        List<Fusion.Ranked> top(int n);
    }

    /** One list's top k without near-duplicates: asks for more than k, and for all when duplicates ate them. */
    private static List<Fusion.Ranked> deduplicated(Ranking ranking, int k, SearchMode mode) {
        int n = Math.max(FUSION_DEPTH, 2 * k);
        while (true) {
            List<Fusion.Ranked> all = ranking.top(n);
            List<Fusion.Ranked> kept = Fusion.withoutNearDuplicates(all, k);
            if (kept.size() == k || all.size() < n) {
                return mode == SearchMode.HYBRID ? fusedAlone(kept) : kept;
            }
            n = n >= Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : 4 * n;
        }
    }

    private static List<Fusion.Ranked> single(List<Hit> hits, boolean isKeyword) {
        List<Fusion.Ranked> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            out.add(new Fusion.Ranked(hits.get(i).chunk(), hits.get(i).score(), isKeyword ? i + 1 : 0,
                    isKeyword ? 0 : i + 1));
        }
        return out;
    }

    /** HYBRID without vectors keeps the fused scale, 1 / (K + rank), so its scores read alike either way. */
    private static List<Fusion.Ranked> fusedAlone(List<Fusion.Ranked> keywordOnly) {
        List<Fusion.Ranked> out = new ArrayList<>(keywordOnly.size());
        for (Fusion.Ranked r : keywordOnly) {
            out.add(new Fusion.Ranked(r.chunk(), 1.0 / (Fusion.K + r.keywordRank()), r.keywordRank(), 0));
        }
        return out;
    }
}
