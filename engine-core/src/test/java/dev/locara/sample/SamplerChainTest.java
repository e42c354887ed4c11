package dev.locara.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each stage of the chain on small logit vectors whose outcome follows from the definitions. */
class SamplerChainTest {
    /** Logits whose softmax is exactly proportional to {@code probs}. */
    private static float[] fromProbs(double... probs) {
        float[] l = new float[probs.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) Math.log(probs[i]);
        }
        return l;
    }

    private static int[] counts(SamplingParams p, float[] logits, int n) {
        Sampler s = new Sampler(p);
        int[] counts = new int[logits.length];
        for (int i = 0; i < n; i++) {
            counts[s.sample(logits.clone())]++;
        }
        return counts;
    }

    /** Pearson's chi-square against the expected probabilities; fails past a generous bound. */
    private static void assertFollows(double[] expected, int[] counts, int n) {
        double chi = 0;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == 0) {
                assertEquals(0, counts[i], "token " + i + " must never be drawn");
            } else {
                double e = expected[i] * n;
                chi += (counts[i] - e) * (counts[i] - e) / e;
            }
        }
        // 30 is far beyond the 99.9% point of chi-square with 3 degrees of freedom (16.3).
        assertTrue(chi < 30, "chi-square " + chi + " for counts " + java.util.Arrays.toString(counts));
    }

    private static final float[] P4 = fromProbs(0.4, 0.3, 0.2, 0.1);
    private static final int N = 20_000;

    @Test
    void topKKeepsTheKBestRenormalized() {
        float[] logits = {1f, 3f, 2f, 0f};
        double e = Math.E;
        assertFollows(new double[] {0, e / (e + 1), 1 / (e + 1), 0},
                counts(SamplingParams.of(1f, 1).withTopK(2), logits, N), N);
        // Ties rank by lower id: of four equal logits, top-2 keeps tokens 0 and 1.
        assertFollows(new double[] {0.5, 0.5, 0, 0}, counts(SamplingParams.of(1f, 2).withTopK(2), new float[4], N), N);
        // k = 1 is greedy; k >= vocabulary size keeps everything.
        assertFollows(new double[] {0, 1, 0, 0}, counts(SamplingParams.of(1f, 3).withTopK(1), logits, 100), 100);
        assertFollows(new double[] {0.4, 0.3, 0.2, 0.1}, counts(SamplingParams.of(1f, 4).withTopK(9), P4, N), N);
    }

    @Test
    void topPKeepsTheSmallestSetReachingP() {
        // 0.4 < 0.5 <= 0.4 + 0.3: the first two, renormalized to 4/7 and 3/7.
        assertFollows(new double[] {4 / 7.0, 3 / 7.0, 0, 0}, counts(SamplingParams.of(1f, 5).withTopP(0.5f), P4, N), N);
        // 0.7 < 0.75 <= 0.9: the first three.
        assertFollows(new double[] {4 / 9.0, 3 / 9.0, 2 / 9.0, 0},
                counts(SamplingParams.of(1f, 6).withTopP(0.75f), P4, N), N);
        // 0 keeps only the most likely token; the candidates are ranked whatever their order in the vector.
        assertFollows(new double[] {0, 0, 1, 0},
                counts(SamplingParams.of(1f, 7).withTopP(0f), fromProbs(0.2, 0.1, 0.4, 0.3), 100), 100);
        assertFollows(new double[] {0, 0, 4 / 7.0, 3 / 7.0},
                counts(SamplingParams.of(1f, 8).withTopP(0.5f), fromProbs(0.2, 0.1, 0.4, 0.3), N), N);
    }

    @Test
    void minPDropsTokensLessLikelyThanAFractionOfTheBest() {
        // min_p 0.3: the bar is 0.3 * 0.4 = 0.12, so 0.1 goes.
        assertFollows(new double[] {4 / 9.0, 3 / 9.0, 2 / 9.0, 0},
                counts(SamplingParams.of(1f, 9).withMinP(0.3f), P4, N), N);
        // min_p 0.6: the bar is 0.24, so 0.2 goes too.
        assertFollows(new double[] {4 / 7.0, 3 / 7.0, 0, 0}, counts(SamplingParams.of(1f, 10).withMinP(0.6f), P4, N), N);
        // min_p 1 keeps only the best.
        assertFollows(new double[] {1, 0, 0, 0}, counts(SamplingParams.of(1f, 11).withMinP(1f), P4, 100), 100);
    }

    @Test
    void stagesRunInLlamaCppsOrder() {
        // Top-p normalizes over what top-k kept: after k = 2 the first token alone has 4/7 >= 0.5.
        assertFollows(new double[] {1, 0, 0, 0},
                counts(SamplingParams.of(1f, 12).withTopK(2).withTopP(0.5f), P4, 200), 200);
        // Top-p and min-p act before the temperature: a huge temperature flattens only the survivors.
        int[] hot = counts(SamplingParams.of(100f, 13).withTopP(0.5f), P4, N);
        assertEquals(0, hot[2] + hot[3]);
        assertTrue(Math.abs(hot[0] - hot[1]) < N / 20, java.util.Arrays.toString(hot));
        // Top-p then min-p: both keep a prefix, the shorter one wins.
        assertFollows(new double[] {4 / 7.0, 3 / 7.0, 0, 0},
                counts(SamplingParams.of(1f, 14).withTopP(0.75f).withMinP(0.6f), P4, N), N);
        // The bias comes before the penalties: (2 + 1) / 1.5 = 2, where the other order would give 2.33.
        Sampler s = new Sampler(SamplingParams.of(0f, 0).withLogitBias(new int[] {0}, new float[] {1f})
                .withPenalties(1.5f, 64, 0f, 0f));
        s.accept(0);
        float[] logits = {2f, 0f};
        s.sample(logits);
        assertEquals(2f, logits[0], 1e-6f);
    }

    @Test
    void temperatureZeroIsGreedyAfterBiasAndPenalties() {
        SamplingParams greedy = SamplingParams.of(0f, 0);
        assertEquals(1, new Sampler(greedy.withLogitBias(new int[] {2}, new float[] {-100f})).sample(new float[] {1f, 2f, 3f}));
        assertEquals(0, new Sampler(greedy.withLogitBias(new int[] {0}, new float[] {100f})).sample(new float[] {1f, 2f, 3f}));
        Sampler penalized = new Sampler(greedy.withPenalties(1.1f, 64, 0f, 0f));
        penalized.accept(0);
        assertEquals(1, penalized.sample(new float[] {2f, 1.9f, -1f, 0.5f}), "2 / 1.1 = 1.82 < 1.9");
    }

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        Sampler s = new Sampler(SamplingParams.of(0f, 0).withPenalties(2f, 64, 0f, 0f));
        s.accept(0);
        s.accept(1);
        s.accept(1); // counted once: repetition does not compound
        float[] logits = {3f, -1f, 5f, 0f};
        assertEquals(2, s.sample(logits));
        assertArrayEquals(new float[] {1.5f, -2f, 5f, 0f}, logits);
    }

    @Test
    void presenceAndFrequencyPenaltiesSubtract() {
        Sampler s = new Sampler(SamplingParams.of(0f, 0).withPenalties(1f, 64, 0.5f, 0.2f));
        s.accept(0);
        s.accept(0);
        s.accept(2);
        float[] logits = {2f, 1f, 1f, 0f};
        s.sample(logits);
        // token 0: 2 - 2 * 0.2 - 0.5; token 2: 1 - 0.2 - 0.5; unseen tokens keep theirs.
        assertArrayEquals(new float[] {1.1f, 1f, 0.3f, 0f}, logits, 1e-6f);
    }

    @Test
    void penaltiesLookOnlyAtTheLastNTokens() {
        Sampler s = new Sampler(SamplingParams.of(0f, 0).withPenalties(1f, 2, 1f, 0f));
        s.accept(0);
        s.accept(1);
        s.accept(3); // pushes token 0 out of the window of 2
        float[] logits = new float[4];
        s.sample(logits);
        assertArrayEquals(new float[] {0f, -1f, 0f, -1f}, logits);
        // -1: the whole history; 0: no penalties at all.
        Sampler all = new Sampler(SamplingParams.of(0f, 0).withPenalties(1f, -1, 1f, 0f));
        Sampler off = new Sampler(SamplingParams.of(0f, 0).withPenalties(1f, 0, 1f, 0f));
        for (int i = 0; i < 200; i++) {
            all.accept(i % 4);
            off.accept(i % 4);
        }
        float[] a = new float[5];
        all.sample(a);
        assertArrayEquals(new float[] {-1f, -1f, -1f, -1f, 0f}, a);
        float[] o = new float[5];
        off.sample(o);
        assertArrayEquals(new float[5], o);
    }

    @Test
    void aFixedSeedGivesTheSamePicksWithEveryStageOn() {
        float[] logits = new float[300];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) Math.sin(i * 0.37) * 4;
        }
        SamplingParams p = SamplingParams.of(0.8f, 99).withTopK(40).withTopP(0.9f).withMinP(0.05f)
                .withPenalties(1.1f, 64, 0.1f, 0.1f).withLogitBias(new int[] {5}, new float[] {3f});
        Sampler a = new Sampler(p);
        Sampler b = new Sampler(p);
        for (int i = 0; i < 200; i++) {
            int x = a.sample(logits.clone());
            int y = b.sample(logits.clone());
            assertEquals(x, y);
            a.accept(x);
            b.accept(y);
        }
    }

    @Test
    void settingsAreValidatedWithTheApisNames() {
        SamplingParams ok = SamplingParams.of(1f, 0);
        String[][] cases = {
            {"top_k", null}, {"top_p", null}, {"min_p", null}, {"repetition_penalty", null}, {"repeat_last_n", null},
            {"presence_penalty", null}, {"frequency_penalty", null}, {"logit_bias", null},
        };
        Runnable[] bad = {
            () -> ok.withTopK(-1), () -> ok.withTopP(1.01f), () -> ok.withMinP(Float.NaN),
            () -> ok.withPenalties(0f, 64, 0f, 0f), () -> ok.withPenalties(1f, -2, 0f, 0f),
            () -> ok.withPenalties(1f, 64, 2.5f, 0f), () -> ok.withPenalties(1f, 64, 0f, -3f),
            () -> ok.withLogitBias(new int[] {1}, new float[] {101f}),
        };
        for (int i = 0; i < bad.length; i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad[i]::run);
            assertTrue(e.getMessage().contains(cases[i][0]), e.getMessage());
        }
        assertEquals(SamplingParams.of(0.5f, 3).withTopK(4), SamplingParams.of(0.5f, 3).withTopK(4));
    }

    @Test
    void aBiasOnATokenPastTheVocabularyIsRefused() {
        Sampler s = new Sampler(SamplingParams.of(0f, 0).withLogitBias(new int[] {10}, new float[] {1f}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.sample(new float[4]));
        assertTrue(e.getMessage().contains("token 10"), e.getMessage());
    }
}
