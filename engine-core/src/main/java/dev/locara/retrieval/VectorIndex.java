package dev.locara.retrieval;

import dev.locara.docs.Chunk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exact cosine similarity between a query embedding and every chunk's, by brute force: a few thousand
 * chunks of a few hundred dimensions are a few million multiply-adds, well under the time a query takes to
 * embed, and exact search needs no tuning. Vectors are L2-normalized on the way in (a copy), so the dot
 * product is the cosine whatever the caller passed. Chunks whose vectors have another dimension than the
 * query's (another embedding model) are not compared.
 */
public final class VectorIndex {
    /** One document's chunks and their normalized vectors, row after row. */
    private record Entry(List<Chunk> chunks, int dimension, float[] rows) { // rows: (chunk, dimension)
    }

    private final Map<String, Entry> documents = new LinkedHashMap<>();
    private int chunkCount;

    /** Indexes one document's chunks with their vectors (vectors[i] for chunks.get(i)), replacing any before. */
    public void add(String documentId, List<Chunk> chunks, float[][] vectors) {
        if (vectors.length != chunks.size()) {
            throw new IllegalArgumentException(
                    "Document " + documentId + " has " + chunks.size() + " chunks but " + vectors.length + " vectors.");
        }
        int dim = vectors.length == 0 ? 0 : vectors[0].length;
        float[] rows = new float[vectors.length * dim];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != dim) {
                throw new IllegalArgumentException("The vectors of document " + documentId
                        + " differ in dimension (" + dim + " and " + vectors[i].length + ").");
            }
            float[] unit = normalized(vectors[i]);
            System.arraycopy(unit, 0, rows, i * dim, dim);
        }
        remove(documentId);
        documents.put(documentId, new Entry(List.copyOf(chunks), dim, rows));
        chunkCount += chunks.size();
    }

    /** Removes one document's vectors; false when it had none here. */
    public boolean remove(String documentId) {
        Entry e = documents.remove(documentId);
        if (e != null) {
            chunkCount -= e.chunks().size();
        }
        return e != null;
    }

    public int chunkCount() {
        return chunkCount;
    }

    /** The dimensions of the vectors held, in order of first appearance (one, unless models were mixed). */
    public Set<Integer> dimensions() {
        Set<Integer> dims = new java.util.LinkedHashSet<>();
        for (Entry e : documents.values()) {
            if (!e.chunks().isEmpty()) {
                dims.add(e.dimension());
            }
        }
        return dims;
    }

    /**
     * The {@code limit} chunks most similar to {@code query} (cosine, best first) among those with vectors of
     * its dimension; documentIds == null means all documents. Ties keep the order the chunks were added in.
     */
    public List<Hit> search(float[] query, int limit, Set<String> documentIds) {
        float[] q = normalized(query);
        int dim = q.length;
        TopK<Chunk> top = new TopK<>(limit);
        for (Map.Entry<String, Entry> d : documents.entrySet()) {
            Entry e = d.getValue();
            if (e.dimension() != dim || (documentIds != null && !documentIds.contains(d.getKey()))) {
                continue;
            }
            float[] rows = e.rows();
            for (int c = 0, base = 0; c < e.chunks().size(); c++, base += dim) {
                double dot = 0;
                for (int i = 0; i < dim; i++) { // the hot loop: one multiply-add per stored float
                    dot += q[i] * rows[base + i];
                }
                top.add(dot, e.chunks().get(c));
            }
        }
        return KeywordIndex.hits(top);
    }

    /** {@code v} scaled to length 1 (a copy); the zero vector stays zero, similar to nothing. */
    static float[] normalized(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float[] out = new float[v.length];
        if (sum > 0) {
            double scale = 1 / Math.sqrt(sum);
            for (int i = 0; i < v.length; i++) {
                out[i] = (float) (v[i] * scale);
            }
        }
        return out;
    }
}
