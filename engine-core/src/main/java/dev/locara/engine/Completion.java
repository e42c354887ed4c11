package dev.locara.engine;

/**
 * A finished generation.
 *
 * @param finishReason "stop" (end of sequence), "length" (max_tokens or the context filled) or
 *                     "abort" (the caller cancelled)
 */
public record Completion(int[] promptTokens, int[] tokens, String text, String finishReason) {
}
