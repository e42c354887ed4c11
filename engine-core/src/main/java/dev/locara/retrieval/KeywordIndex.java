package dev.locara.retrieval;

import dev.locara.docs.Chunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * BM25 over chunks ({@link Chunk#indexedText()}, read by {@link Terms}), with documents added and removed
 * incrementally. The formula is Lucene's BM25Similarity, so it can be checked against Lucene:
 * idf = log(1 + (N - n + 0.5) / (n + 0.5)) and a term's score idf * f / (f + k1 * (1 - b + b * dl / avgdl)),
 * where N counts the chunks that have terms, n those with the term, f its count in the chunk, dl the chunk's
 * term count; k1 = 1.2, b = 0.75. (Lucene dropped the classic (k1 + 1) factor: it scales every score alike.)
 *
 * <p>Chunks live in slots numbered in the order they were added; a removed chunk leaves a dead slot that
 * scoring skips, and the postings are rebuilt once dead slots outnumber live ones, so removal costs the
 * chunk's own terms rather than a pass over every posting list.
 */
public final class KeywordIndex {
    static final double K1 = 1.2;
    static final double B = 0.75;
    private static final int MIN_DEAD_TO_COMPACT = 256;

    /** The chunks that hold a term, in slot order, with each one's count of it. */
    private static final class Posting {
        int[] slots = new int[4];
        int[] freqs = new int[4];
        int size;     // entries, dead slots included
        int docFreq;  // live chunks with the term: BM25's n

        void add(int slot, int freq) {
            if (size == slots.length) {
                slots = Arrays.copyOf(slots, 2 * size);
                freqs = Arrays.copyOf(freqs, 2 * size);
            }
            slots[size] = slot;
            freqs[size++] = freq;
            docFreq++;
        }
    }

    private final IntUnaryOperator lengthNorm; // what dl a chunk's term count is stored as
    private final Map<String, Posting> postings = new HashMap<>();
    private final Map<String, int[]> documentSlots = new LinkedHashMap<>();
    private Chunk[] chunks = new Chunk[64];       // (slot) null once removed
    private String[][] slotTerms = new String[64][]; // (slot, distinct term)
    private int[][] slotFreqs = new int[64][];      // (slot, distinct term)
    private int[] rawLengths = new int[64];         // (slot) term count
    private int[] lengths = new int[64];            // (slot) term count as BM25 sees it
    private int slotCount;
    private int deadSlots;
    private int docCount;     // live chunks with at least one term: BM25's N
    private long totalLength; // sum of their term counts

    public KeywordIndex() {
        this(IntUnaryOperator.identity());
    }

    /** For the Lucene comparison: Lucene stores a chunk's length lossily, and the test can do the same. */
    KeywordIndex(IntUnaryOperator lengthNorm) {
        this.lengthNorm = lengthNorm;
    }

    /** Indexes the chunks of one document, replacing whatever was indexed for that id before. */
    public void add(String documentId, List<Chunk> documentChunks) {
        remove(documentId);
        int[] slots = new int[documentChunks.size()];
        for (int i = 0; i < slots.length; i++) {
            Chunk c = documentChunks.get(i);
            slots[i] = addChunk(c, Terms.texts(c.indexedText()));
        }
        documentSlots.put(documentId, slots);
    }

    /** Removes one document's chunks; false when it was not indexed. */
    public boolean remove(String documentId) {
        int[] slots = documentSlots.remove(documentId);
        if (slots == null) {
            return false;
        }
        for (int slot : slots) {
            for (String term : slotTerms[slot]) {
                Posting p = postings.get(term);
                if (--p.docFreq == 0) {
                    postings.remove(term); // every entry left in it is dead
                }
            }
            if (rawLengths[slot] > 0) {
                docCount--;
                totalLength -= rawLengths[slot];
            }
            chunks[slot] = null;
            slotTerms[slot] = null;
            slotFreqs[slot] = null;
        }
        deadSlots += slots.length;
        if (deadSlots >= MIN_DEAD_TO_COMPACT && deadSlots > slotCount - deadSlots) {
            compact();
        }
        return true;
    }

    /** Number of chunks indexed. */
    public int chunkCount() {
        return slotCount - deadSlots;
    }

    /**
     * The {@code limit} best chunks for a query given as terms (repeats count, as repeated clauses of a
     * Lucene boolean query do), best first; only chunks with a query term are returned. documentIds == null
     * means all documents; the collection statistics are always those of the whole index.
     */
    public List<Hit> search(List<String> queryTerms, int limit, Set<String> documentIds) {
        if (docCount == 0 || limit <= 0) {
            return List.of();
        }
        boolean[] allowed = allowedSlots(documentIds);
        double avgdl = (double) totalLength / docCount;
        double[] scores = new double[slotCount]; // (slot)
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : queryTerms) {
            counts.merge(t, 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Posting p = postings.get(e.getKey());
            if (p == null) {
                continue;
            }
            double weight = e.getValue() * idf(p.docFreq, docCount);
            for (int i = 0; i < p.size; i++) {
                int slot = p.slots[i];
                if (chunks[slot] == null || (allowed != null && !allowed[slot])) {
                    continue;
                }
                double f = p.freqs[i];
                scores[slot] += weight * f / (f + K1 * (1 - B + B * lengths[slot] / avgdl));
            }
        }
        TopK<Chunk> top = new TopK<>(limit);
        for (int slot = 0; slot < slotCount; slot++) {
            if (scores[slot] > 0) {
                top.add(scores[slot], chunks[slot]);
            }
        }
        return hits(top);
    }

    /** Lucene's BM25 idf: never negative, unlike Robertson's original for terms in over half the chunks. */
    static double idf(int docFreq, int docCount) {
        return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
    }

    static List<Hit> hits(TopK<Chunk> top) {
        List<Chunk> best = top.bestFirst();
        double[] s = top.scoresBestFirst();
        List<Hit> out = new ArrayList<>(best.size());
        for (int i = 0; i < s.length; i++) {
            out.add(new Hit(best.get(i), s[i]));
        }
        return out;
    }

    private boolean[] allowedSlots(Set<String> documentIds) {
        if (documentIds == null) {
            return null;
        }
        boolean[] allowed = new boolean[slotCount];
        for (String id : documentIds) {
            int[] slots = documentSlots.get(id);
            if (slots != null) {
                for (int s : slots) {
                    allowed[s] = true;
                }
            }
        }
        return allowed;
    }

    private int addChunk(Chunk c, List<String> terms) {
        Map<String, int[]> freq = new LinkedHashMap<>();
        for (String t : terms) {
            freq.computeIfAbsent(t, x -> new int[1])[0]++;
        }
        String[] distinct = freq.keySet().toArray(new String[0]);
        int[] counts = new int[distinct.length];
        for (int i = 0; i < distinct.length; i++) {
            counts[i] = freq.get(distinct[i])[0];
        }
        return place(c, distinct, counts, terms.size());
    }

    private int place(Chunk c, String[] distinct, int[] counts, int length) {
        if (slotCount == chunks.length) {
            int n = 2 * slotCount;
            chunks = Arrays.copyOf(chunks, n);
            slotTerms = Arrays.copyOf(slotTerms, n);
            slotFreqs = Arrays.copyOf(slotFreqs, n);
            rawLengths = Arrays.copyOf(rawLengths, n);
            lengths = Arrays.copyOf(lengths, n);
        }
        int slot = slotCount++;
        chunks[slot] = c;
        slotTerms[slot] = distinct;
        slotFreqs[slot] = counts;
        rawLengths[slot] = length;
        lengths[slot] = lengthNorm.applyAsInt(length);
        for (int i = 0; i < distinct.length; i++) {
            postings.computeIfAbsent(distinct[i], x -> new Posting()).add(slot, counts[i]);
        }
        if (length > 0) {
            docCount++;
            totalLength += length;
        }
        return slot;
    }

    /** Renumbers the live slots from 0, in their order, and rebuilds the postings without the dead ones. */
    private void compact() {
        Chunk[] oldChunks = chunks;
        String[][] oldTerms = slotTerms;
        int[][] oldFreqs = slotFreqs;
        int[] oldLengths = rawLengths;
        int oldCount = slotCount;
        int[] renumber = new int[oldCount];
        int n = Math.max(64, oldCount - deadSlots);
        chunks = new Chunk[n];
        slotTerms = new String[n][];
        slotFreqs = new int[n][];
        rawLengths = new int[n];
        lengths = new int[n];
        slotCount = 0;
        deadSlots = 0;
        docCount = 0;
        totalLength = 0;
        postings.clear();
        for (int s = 0; s < oldCount; s++) {
            if (oldChunks[s] != null) {
                renumber[s] = place(oldChunks[s], oldTerms[s], oldFreqs[s], oldLengths[s]);
            }
        }
        for (Map.Entry<String, int[]> e : documentSlots.entrySet()) {
            int[] slots = e.getValue();
            for (int i = 0; i < slots.length; i++) {
                slots[i] = renumber[slots[i]];
            }
        }
    }
}
