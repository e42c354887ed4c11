package dev.locara.model;

/**
 * One forward pass per token over a KV cache: the contract shared by the CPU reference and the
 * WebGPU engine, so the generation loop, sampling and tests are the same for both.
 */
public interface LanguageModel {
    LlamaConfig config();

    /** Tokens the KV cache holds at most (the context length in use). */
    int contextLength();

    /**
     * Runs token {@code token} at position {@code position}, storing its keys and values in the
     * cache. When {@code logits} is non-null the next-token logits (vocabSize values) are written
     * there; prompt tokens before the last pass null and skip the output projection and readback.
     */
    void forward(int token, int position, float[] logits);
}
