package dev.locara.engine;

import dev.locara.sample.SamplingParams;
import java.util.List;

/**
 * What to generate: the text completions request of the public API after validation.
 *
 * @param maxTokens tokens to generate at most
 * @param sampling  how each token is picked
 * @param stop      up to {@value #MAX_STOP} non-empty strings that end generation (not returned)
 */
public record CompletionRequest(String prompt, int maxTokens, SamplingParams sampling, List<String> stop) {
    /** OpenAI's limit on stop strings. */
    public static final int MAX_STOP = 4;

    public CompletionRequest {
        if (prompt == null) {
            throw new IllegalArgumentException("prompt is required");
        }
        if (maxTokens < 0) {
            throw new IllegalArgumentException("max_tokens must be >= 0, got " + maxTokens);
        }
        if (sampling == null) {
            throw new IllegalArgumentException("sampling settings are required");
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        if (stop.size() > MAX_STOP) {
            throw new IllegalArgumentException("stop takes at most " + MAX_STOP + " strings, got " + stop.size());
        }
        for (String s : stop) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("stop strings must not be empty");
            }
        }
    }

    /** A plain draw at this temperature (greedy at 0), no stop strings. */
    public CompletionRequest(String prompt, int maxTokens, float temperature, long seed) {
        this(prompt, maxTokens, SamplingParams.of(temperature, seed), List.of());
    }

    public float temperature() {
        return sampling.temperature();
    }

    public long seed() {
        return sampling.seed();
    }
}
