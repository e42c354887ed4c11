package dev.locara.api;

import dev.locara.sample.SamplingParams;
import java.util.List;

/**
 * A validated completions request, as the page and the public API submit it.
 *
 * @param contextLength the KV cache length asked for, 0 for the engine's default; the engine bounds
 *                      it by the model's own context and the device's memory
 */
public record CompletionParams(String model, String prompt, int maxTokens, SamplingParams sampling, List<String> stop,
                               int contextLength) {
    /** OpenAI's defaults for the legacy completions endpoint: 16 tokens at temperature 1. */
    public static final int DEFAULT_MAX_TOKENS = 16;
    public static final double DEFAULT_TEMPERATURE = 1.0;
    /** Nothing the demo UI or API should ask for in one request beyond this. */
    public static final int MAX_TOKENS_LIMIT = 1 << 16;
    /** Smallest and largest context_length a request may ask for. */
    public static final int MIN_CONTEXT = 16;
    public static final int MAX_CONTEXT = 1 << 20;

    public CompletionParams(String model, String prompt, int maxTokens, SamplingParams sampling, List<String> stop) {
        this(model, prompt, maxTokens, sampling, stop, 0);
    }

    /** A plain draw at this temperature (greedy at 0), no stop strings: what the page's own form asks for. */
    public CompletionParams(String model, String prompt, int maxTokens, double temperature, double seed) {
        this(model, prompt, maxTokens, SamplingParams.of((float) temperature, (long) seed), List.of());
    }
}
