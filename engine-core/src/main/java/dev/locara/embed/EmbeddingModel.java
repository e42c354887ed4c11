package dev.locara.embed;

/**
 * Token id sequences in, one unit-length vector per sequence out: the contract shared by the CPU
 * reference and the GPU engine, so {@link Embedder} (prefixes, truncation, dimensions) and the tests are
 * the same for both. Each sequence already carries its special tokens ([CLS] ... [SEP]) and fits the
 * context; sequences of a batch do not see each other.
 */
public interface EmbeddingModel {
    EncoderConfig config();

    /** Unit-length pooled vectors of {@code config().dim()} values, one per sequence, in order. */
    float[][] embed(int[][] sequences);
}
