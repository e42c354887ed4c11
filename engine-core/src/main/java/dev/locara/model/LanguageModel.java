package dev.locara.model;

import dev.locara.sample.Sampler;

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

    /**
     * Runs {@code count} tokens of {@code tokens}, from {@code offset}, at positions
     * {@code startPosition} onward, as {@link #forward} would one by one, and writes the last one's
     * next-token logits to {@code lastLogits} when it is non-null. An engine that can process a
     * prompt as a batch (the GPU) overrides this; the default runs the tokens one at a time.
     */
    default void forwardBatch(int[] tokens, int offset, int count, int startPosition, float[] lastLogits) {
        if (offset < 0 || count < 1 || offset + count > tokens.length) {
            throw new IllegalArgumentException("A batch of " + count + " tokens from " + offset + " does not fit in "
                    + tokens.length + " tokens.");
        }
        for (int i = 0; i < count; i++) {
            forward(tokens[offset + i], startPosition + i, i == count - 1 ? lastLogits : null);
        }
    }

    /**
     * Greedy decode of {@code count} steps: runs {@code token} at {@code position}, takes the argmax
     * of its logits ({@link Sampler#argmax}'s rule) as the next token, runs that at the next
     * position, and so on; {@code picks[i]} is the token chosen after step i. Only plain greedy
     * sampling (no logit bias, no penalties) may take this path. An engine that can chain the steps
     * on its device overrides it: one submission for all of them and a readback of the picked ids
     * only. The default is {@link #forward} and an argmax on the CPU per step.
     */
    default void decodeGreedy(int token, int position, int count, int[] picks) {
        if (count < 0 || count > picks.length) {
            throw new IllegalArgumentException(count + " greedy steps do not fit " + picks.length + " picks.");
        }
        float[] logits = new float[config().vocabSize()];
        for (int i = 0; i < count; i++) {
            forward(token, position + i, logits);
            token = Sampler.argmax(logits);
            picks[i] = token;
        }
    }

    /**
     * Most steps one {@link #decodeGreedy} call should run: where steps chain on a device, many, so
     * that one round trip to it serves them all; 1 where a step costs the same alone, so the
     * generation loop keeps its token-by-token path.
     */
    default int greedyStepsPerCall() {
        return 1;
    }
}
