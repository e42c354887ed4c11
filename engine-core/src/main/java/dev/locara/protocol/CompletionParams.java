package dev.locara.protocol;

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

    public CompletionParams {
        if (model == null || prompt == null || sampling == null) {
            throw new IllegalArgumentException("A completion needs a model, a prompt and sampling settings.");
        }
        stop = List.copyOf(stop);
    }

    /** A plain draw at this temperature (greedy at 0), no stop strings: what the page's own form asks for. */
    public CompletionParams(String model, String prompt, int maxTokens, double temperature, double seed) {
        this(model, prompt, maxTokens, SamplingParams.of((float) temperature, (long) seed), List.of(), 0);
    }

    /**
     * locara.completions.create's request, {@code json} as {@link ApiRequest} takes it; a bad field
     * throws IllegalArgumentException with a message naming it. {@code knownModels} is listed when
     * the model is missing.
     */
    public static CompletionParams parse(String json, String knownModels) {
        ApiRequest r = ApiRequest.of(json);
        if (r == null) {
            throw new IllegalArgumentException("completions.create needs a request object such as"
                    + " {model: 'stories260k', prompt: 'Once upon a time', max_tokens: 64}.");
        }
        String model = model(r, knownModels);
        if (!r.isString("prompt")) {
            throw new IllegalArgumentException("'prompt' is required and must be a string.");
        }
        return new CompletionParams(model, r.string("prompt"), maxTokens(r, DEFAULT_MAX_TOKENS),
                SamplingRequest.parse(r, DEFAULT_TEMPERATURE), SamplingRequest.stop(r), contextLength(r));
    }

    static String model(ApiRequest r, String knownModels) {
        if (!r.isString("model")) {
            throw new IllegalArgumentException("'model' is required and must be a string. Known models: " + knownModels + ".");
        }
        return r.string("model");
    }

    static int maxTokens(ApiRequest r, int fallback) {
        return r.count("max_tokens", fallback, 0, MAX_TOKENS_LIMIT,
                "'max_tokens' must be an integer from 0 to " + MAX_TOKENS_LIMIT + ".");
    }

    /** The optional context_length: how many tokens the KV cache holds (0 when not given). */
    static int contextLength(ApiRequest r) {
        return r.count("context_length", 0, MIN_CONTEXT, MAX_CONTEXT, "'context_length' must be an integer from "
                + MIN_CONTEXT + " to " + MAX_CONTEXT + "; the engine bounds it by the model's own context.");
    }
}
