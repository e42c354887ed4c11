package dev.locara.conversation;

import dev.locara.json.JsonWriter;
import dev.locara.protocol.CompletionParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A conversation's generation settings, in the ranges the engine's chat.completions accepts
 * (engine-core {@code SamplingRequest} and {@code CompletionParams}), so that a setting the form lets
 * through is never refused by the engine afterwards.
 *
 * @param temperature   0 (greedy) to 2
 * @param topP          0 to 1; 1 keeps every token
 * @param topK          0 (keeps every token) or more
 * @param minP          0 (keeps every token) to 1
 * @param repeatPenalty above 0 up to 10; 1 is off
 * @param maxTokens     1 to {@link CompletionParams#MAX_TOKENS_LIMIT}
 * @param seed          -1 for a new random seed each time, else 0 to 2^53
 * @param contextLength 0 for the engine's choice, else {@link CompletionParams#MIN_CONTEXT} to {@link CompletionParams#MAX_CONTEXT}
 */
public record Sampling(double temperature, double topP, int topK, double minP, double repeatPenalty, int maxTokens,
                       long seed, int contextLength) {
    /** Seeds beyond this lose digits as JavaScript numbers; the engine refuses them. */
    public static final long MAX_SEED = 1L << 53;

    /** llama.cpp's defaults for chat, with a bounded answer length. */
    public static Sampling defaults() {
        return new Sampling(0.8, 0.95, 40, 0.05, 1.1, 512, -1, 0);
    }

    /**
     * Throws IllegalArgumentException with a sentence naming the first bad field and its allowed range.
     * Not done by the constructor: a settings form holds a bad value while the person is typing it.
     */
    public Sampling validate() {
        range("Temperature", temperature, 0, 2, " (0 always picks the most likely token)");
        range("Top-p", topP, 0, 1, " (1 keeps every token)");
        if (topK < 0) {
            throw new IllegalArgumentException("Top-k must be a whole number of 0 or more (0 keeps every token), got "
                    + topK + ".");
        }
        range("Min-p", minP, 0, 1, " (0 keeps every token)");
        if (!(repeatPenalty > 0 && repeatPenalty <= 10)) {
            throw new IllegalArgumentException("Repetition penalty must be a number above 0 and at most 10 (1 turns it"
                    + " off), got " + repeatPenalty + ".");
        }
        if (maxTokens < 1 || maxTokens > CompletionParams.MAX_TOKENS_LIMIT) {
            throw new IllegalArgumentException("Max tokens must be a whole number from 1 to "
                    + CompletionParams.MAX_TOKENS_LIMIT + ", got " + maxTokens + ".");
        }
        if (seed < -1 || seed > MAX_SEED) {
            throw new IllegalArgumentException("Seed must be -1 (a new random seed each time) or a whole number from 0 to "
                    + MAX_SEED + ", got " + seed + ".");
        }
        if (contextLength != 0 && (contextLength < CompletionParams.MIN_CONTEXT
                || contextLength > CompletionParams.MAX_CONTEXT)) {
            throw new IllegalArgumentException("Context length must be 0 (the model's own) or a whole number from "
                    + CompletionParams.MIN_CONTEXT + " to " + CompletionParams.MAX_CONTEXT + ", got " + contextLength + ".");
        }
        return this;
    }

    private static void range(String name, double v, double min, double max, String note) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(name + " must be a number from " + (long) min + " to " + (long) max
                    + note + ", got " + v + ".");
        }
    }

    /**
     * The request members for chat.completions, in OpenAI's names (llama.cpp's {@code repeat_penalty},
     * which the engine accepts): {@code seed} only when fixed, {@code context_length} only when set.
     */
    public Map<String, Object> requestFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("temperature", temperature);
        m.put("top_p", topP);
        m.put("top_k", (long) topK);
        m.put("min_p", minP);
        m.put("repeat_penalty", repeatPenalty);
        m.put("max_tokens", (long) maxTokens);
        if (seed >= 0) {
            m.put("seed", seed);
        }
        if (contextLength > 0) {
            m.put("context_length", (long) contextLength);
        }
        return m;
    }

    /** {@link #requestFields} as one JSON object, such as {@code {"temperature":0.8,"top_p":0.95,...}}. */
    public String requestFieldsJson() {
        return JsonWriter.COMPACT.write(requestFields());
    }
}
