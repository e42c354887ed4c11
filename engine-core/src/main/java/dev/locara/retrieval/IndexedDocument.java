package dev.locara.retrieval;

import dev.locara.docs.Chunk;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One document's entry in the index, stored per document (IndexedDB in the browser, so updates are
 * incremental). {@code embeddingModel} is the id of the model that made the vectors ("" and vectors == null
 * when keyword only); {@code vectors[i]} is the L2-normalized embedding of {@code chunks.get(i).indexedText()}
 * with input type DOCUMENT. The arrays are not copied: do not change them after handing them over.
 * {@link #toBytes} and {@link #fromBytes} are the stored form, laid out in {@link IndexBytes}.
 */
public record IndexedDocument(String documentId, String embeddingModel, List<Chunk> chunks, float[][] vectors) {
    public IndexedDocument {
        if (documentId == null || embeddingModel == null || chunks == null) {
            throw new IllegalArgumentException("An indexed document needs an id, a model id (\"\" for none) and chunks.");
        }
        chunks = List.copyOf(chunks);
        for (Chunk c : chunks) {
            if (!c.documentId().equals(documentId)) {
                throw new IllegalArgumentException(
                        "Chunk " + c.ordinal() + " belongs to document " + c.documentId() + ", not " + documentId + ".");
            }
        }
        if ((vectors == null) != embeddingModel.isEmpty()) {
            throw new IllegalArgumentException(vectors == null
                    ? "Document " + documentId + " names embedding model " + embeddingModel + " but has no vectors."
                    : "Document " + documentId + " has vectors but no embedding model id.");
        }
        if (vectors != null) {
            checkVectors(documentId, chunks.size(), vectors);
        }
    }

    /** A keyword-only entry. */
    public static IndexedDocument keywordOnly(String documentId, List<Chunk> chunks) {
        return new IndexedDocument(documentId, "", chunks, null);
    }

    /** The vectors' dimension; 0 when there are none. */
    public int dimension() {
        return vectors == null || vectors.length == 0 ? 0 : vectors[0].length;
    }

    public byte[] toBytes() {
        return IndexBytes.write(this);
    }

    /** Reads what {@link #toBytes} wrote; versioned, length- and checksum-checked. */
    public static IndexedDocument fromBytes(byte[] bytes) throws IndexFormatException {
        return IndexBytes.read(bytes);
    }

    private static void checkVectors(String documentId, int chunkCount, float[][] vectors) {
        if (vectors.length != chunkCount) {
            throw new IllegalArgumentException(
                    "Document " + documentId + " has " + chunkCount + " chunks but " + vectors.length + " vectors.");
        }
        for (float[] v : vectors) {
            if (v == null || v.length == 0 || v.length != vectors[0].length) {
                throw new IllegalArgumentException(
                        "The vectors of document " + documentId + " must all have one dimension, at least 1.");
            }
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("A vector of document " + documentId + " holds " + x + ".");
                }
            }
        }
    }

    /** Value equality, vectors compared element by element (a record compares arrays by identity). */
    @Override
    public boolean equals(Object o) {
        return o instanceof IndexedDocument d && documentId.equals(d.documentId)
                && embeddingModel.equals(d.embeddingModel) && chunks.equals(d.chunks)
                && Arrays.deepEquals(vectors, d.vectors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(documentId, embeddingModel, chunks) * 31 + Arrays.deepHashCode(vectors);
    }

    @Override
    public String toString() {
        return "IndexedDocument[" + documentId + ", " + chunks.size() + " chunks, "
                + (vectors == null ? "keyword only" : embeddingModel + " " + dimension() + "-d") + "]";
    }
}
