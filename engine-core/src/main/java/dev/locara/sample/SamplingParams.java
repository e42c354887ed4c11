package dev.locara.sample;

import java.util.Arrays;

/**
 * How to pick each next token: the settings of llama.cpp's default sampler chain, validated. The
 * defaults are neutral (every stage off, temperature 1) so that a request that names nothing gets
 * the plain softmax draw of OpenAI's API; messages use the public API's parameter names.
 *
 * @param temperature      0 for greedy; otherwise logits are divided by it just before the draw
 * @param seed             seeds the draw
 * @param topK             keep the k most likely tokens; 0 keeps all
 * @param topP             keep the smallest most-likely set whose probability reaches p; 1 keeps all
 * @param minP             drop tokens less likely than min_p times the most likely one; 0 keeps all
 * @param repeatPenalty    divides positive (multiplies negative) logits of tokens seen in the window; 1 is off
 * @param penaltyLastN     the window of recent tokens (prompt included) the penalties look at; -1 is the whole context, 0 turns penalties off
 * @param presencePenalty  subtracted once from the logit of every token seen in the window
 * @param frequencyPenalty subtracted per occurrence in the window
 * @param biasTokens       token ids whose logits get {@code biasValues} added before anything else
 */
public record SamplingParams(float temperature, long seed, int topK, float topP, float minP, float repeatPenalty,
                             int penaltyLastN, float presencePenalty, float frequencyPenalty, int[] biasTokens,
                             float[] biasValues) {
    /** llama.cpp's default window for the penalties. */
    public static final int DEFAULT_PENALTY_LAST_N = 64;
    /** OpenAI's bound on a logit bias: -100 bans a token in practice, 100 forces it. */
    public static final float MAX_BIAS = 100f;

    public SamplingParams {
        check(temperature >= 0 && !Float.isInfinite(temperature), "temperature must be a finite number >= 0, got " + temperature);
        check(topK >= 0, "top_k must be an integer >= 0 (0 keeps every token), got " + topK);
        check(topP >= 0 && topP <= 1, "top_p must be a number from 0 to 1, got " + topP);
        check(minP >= 0 && minP <= 1, "min_p must be a number from 0 to 1, got " + minP);
        check(repeatPenalty > 0 && !Float.isInfinite(repeatPenalty),
                "repetition_penalty must be a finite number > 0 (1 turns it off), got " + repeatPenalty);
        check(penaltyLastN >= -1, "repeat_last_n must be -1 (the whole context), 0 (off) or a positive window, got " + penaltyLastN);
        check(presencePenalty >= -2 && presencePenalty <= 2, "presence_penalty must be a number from -2 to 2, got " + presencePenalty);
        check(frequencyPenalty >= -2 && frequencyPenalty <= 2, "frequency_penalty must be a number from -2 to 2, got " + frequencyPenalty);
        biasTokens = biasTokens == null ? new int[0] : biasTokens.clone();
        biasValues = biasValues == null ? new float[0] : biasValues.clone();
        check(biasTokens.length == biasValues.length, "logit_bias needs one value per token");
        for (int i = 0; i < biasTokens.length; i++) {
            check(biasTokens[i] >= 0, "logit_bias keys must be token ids >= 0, got " + biasTokens[i]);
            check(biasValues[i] >= -MAX_BIAS && biasValues[i] <= MAX_BIAS,
                    "logit_bias values must be numbers from -100 to 100, got " + biasValues[i] + " for token " + biasTokens[i]);
        }
    }

    /** A plain draw at this temperature (greedy at 0), every other stage off. */
    public static SamplingParams of(float temperature, long seed) {
        return new SamplingParams(temperature, seed, 0, 1f, 0f, 1f, DEFAULT_PENALTY_LAST_N, 0f, 0f, null, null);
    }

    /** Greedy with nothing applied before the argmax (no logit bias, no penalties): a device can pick alone. */
    public boolean plainGreedy() {
        return temperature == 0f && biasTokens.length == 0 && !penalizes();
    }

    public boolean penalizes() {
        return penaltyLastN != 0 && (repeatPenalty != 1f || presencePenalty != 0f || frequencyPenalty != 0f);
    }

    public SamplingParams withTopK(int k) {
        return new SamplingParams(temperature, seed, k, topP, minP, repeatPenalty, penaltyLastN, presencePenalty,
                frequencyPenalty, biasTokens, biasValues);
    }

    public SamplingParams withTopP(float p) {
        return new SamplingParams(temperature, seed, topK, p, minP, repeatPenalty, penaltyLastN, presencePenalty,
                frequencyPenalty, biasTokens, biasValues);
    }

    public SamplingParams withMinP(float p) {
        return new SamplingParams(temperature, seed, topK, topP, p, repeatPenalty, penaltyLastN, presencePenalty,
                frequencyPenalty, biasTokens, biasValues);
    }

    public SamplingParams withPenalties(float repeat, int lastN, float presence, float frequency) {
        return new SamplingParams(temperature, seed, topK, topP, minP, repeat, lastN, presence, frequency, biasTokens,
                biasValues);
    }

    public SamplingParams withLogitBias(int[] tokens, float[] values) {
        return new SamplingParams(temperature, seed, topK, topP, minP, repeatPenalty, penaltyLastN, presencePenalty,
                frequencyPenalty, tokens, values);
    }

    // Records compare arrays by identity; two equal settings should be equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof SamplingParams s && Float.compare(temperature, s.temperature) == 0 && seed == s.seed
                && topK == s.topK && Float.compare(topP, s.topP) == 0 && Float.compare(minP, s.minP) == 0
                && Float.compare(repeatPenalty, s.repeatPenalty) == 0 && penaltyLastN == s.penaltyLastN
                && Float.compare(presencePenalty, s.presencePenalty) == 0
                && Float.compare(frequencyPenalty, s.frequencyPenalty) == 0 && Arrays.equals(biasTokens, s.biasTokens)
                && Arrays.equals(biasValues, s.biasValues);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seed) * 31 + Float.hashCode(temperature) + Arrays.hashCode(biasTokens);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
