package dev.locara.protocol;

/**
 * A validated locara.benchmark.run request. The engine fits both counts to the model's context
 * (it keeps both measured; the reply says what ran).
 *
 * @param model the model to measure with, or null for the one the engine holds
 */
public record BenchmarkParams(String model, int promptTokens, int decodeTokens) {
    /** A prompt long enough to reach the batch kernels' steady state, and enough decode steps to average. */
    public static final int DEFAULT_PROMPT_TOKENS = 128;
    public static final int DEFAULT_DECODE_TOKENS = 64;

    public BenchmarkParams {
        check("prompt_tokens", promptTokens);
        check("decode_tokens", decodeTokens);
    }

    /** {model?, prompt_tokens?, decode_tokens?}, {@code json} as {@link ApiRequest} takes it; undefined or null is all defaults. */
    public static BenchmarkParams parse(String json) {
        if (json == null || "null".equals(json.trim())) {
            return new BenchmarkParams(null, DEFAULT_PROMPT_TOKENS, DEFAULT_DECODE_TOKENS);
        }
        if (!ApiRequest.isPlainObject(json)) {
            throw new IllegalArgumentException("benchmark.run takes a request object such as"
                    + " {model: 'stories260k', prompt_tokens: 128, decode_tokens: 64}, or nothing.");
        }
        ApiRequest r = ApiRequest.of(json);
        String model = null;
        if (r.has("model")) {
            if (!r.isString("model")) {
                throw new IllegalArgumentException("'model' must be a string, or left out to measure with the loaded model.");
            }
            model = r.string("model");
        }
        return new BenchmarkParams(model, count(r, "prompt_tokens", DEFAULT_PROMPT_TOKENS),
                count(r, "decode_tokens", DEFAULT_DECODE_TOKENS));
    }

    private static int count(ApiRequest r, String key, int fallback) {
        return r.count(key, fallback, 1, CompletionParams.MAX_TOKENS_LIMIT, rule(key));
    }

    private static void check(String key, double v) {
        if (!(v >= 1 && v <= CompletionParams.MAX_TOKENS_LIMIT) || v != Math.floor(v)) {
            throw new IllegalArgumentException(rule(key));
        }
    }

    private static String rule(String key) {
        return "'" + key + "' must be an integer from 1 to " + CompletionParams.MAX_TOKENS_LIMIT
                + "; the engine fits it to the model's context.";
    }
}
