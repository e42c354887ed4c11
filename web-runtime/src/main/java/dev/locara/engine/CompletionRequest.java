package dev.locara.engine;

/**
 * What to generate: the text completions request of the public API after validation.
 *
 * @param maxTokens   tokens to generate at most
 * @param temperature 0 for greedy
 * @param seed        seeds sampling when temperature &gt; 0
 */
public record CompletionRequest(String prompt, int maxTokens, float temperature, long seed) {
    public CompletionRequest {
        if (prompt == null) {
            throw new IllegalArgumentException("prompt is required");
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("max_tokens must be >= 0, got " + maxTokens);
        }
    }
}
