package dev.locara.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static int[] draws(Sampler sampler, float[] logits, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = sampler.sample(logits);
        }
        return out;
    }

    private static float[] uniform(int n) {
        return new float[n];
    }

    @Test
    void temperatureZeroIsArgmaxWithLowestIndexOnTies() {
        Sampler greedy = new Sampler(0f, 123);
        assertEquals(3, greedy.sample(new float[] {0.1f, -2f, 0.5f, 7f, 6.9f}));
        assertEquals(1, greedy.sample(new float[] {1f, 5f, 5f, 2f, 5f}), "lowest of the tied maxima");
        assertEquals(0, greedy.sample(new float[] {4f, 4f, 4f}));
        assertEquals(0, greedy.sample(uniform(512)));
        assertEquals(2, greedy.sample(new float[] {Float.NEGATIVE_INFINITY, -1e30f, -1e29f}));
        assertEquals(0, greedy.sample(new float[] {42f}));
        // Greedy ignores the seed and never changes its pick.
        float[] logits = {0.3f, 0.2f, 0.31f, 0.1f};
        Sampler other = new Sampler(0f, 999);
        for (int i = 0; i < 100; i++) {
            assertEquals(2, greedy.sample(logits));
            assertEquals(2, other.sample(logits));
        }
        assertEquals(1, Sampler.argmax(new float[] {1f, 5f, 5f}));
        // Negative zero is a zero temperature.
        assertEquals(1, new Sampler(-0f, 1).sample(new float[] {1f, 5f, 5f}));
    }

    @Test
    void sameSeedAndTemperatureGiveTheSamePicks() {
        float[] logits = {1f, 2f, 0.5f, -1f, 3f, 2.5f, 0f, 1.5f};
        for (float temperature : new float[] {0.5f, 0.8f, 1f, 2f}) {
            int[] a = draws(new Sampler(temperature, 42), logits, 500);
            int[] b = draws(new Sampler(temperature, 42), logits, 500);
            assertArrayEquals(a, b, "temperature " + temperature);
            Set<Integer> seen = new HashSet<>();
            for (int t : a) {
                assertTrue(t >= 0 && t < logits.length);
                seen.add(t);
            }
            assertTrue(seen.size() > 3, "sampling is not greedy at temperature " + temperature + ": " + seen);
        }
    }

    @Test
    void differentSeedsGiveDifferentPicks() {
        float[] logits = uniform(100);
        int[] a = draws(new Sampler(1f, 1), logits, 200);
        int[] b = draws(new Sampler(1f, 2), logits, 200);
        int[] c = draws(new Sampler(1f, 0), logits, 200);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += a[i] == b[i] ? 1 : 0;
        }
        // Independent uniform picks out of 100 agree about 2 times in 200.
        assertTrue(same < 20, "seeds 1 and 2 agree on " + same + " of 200 picks");
        assertFalse(java.util.Arrays.equals(a, c));
        assertFalse(java.util.Arrays.equals(b, c));
    }

    @Test
    void frequenciesAtTemperatureOneFollowSoftmax() {
        float[] logits = {1f, 2f, 0.5f, -1f, 3f, 0f};
        int n = 20_000;
        assertFrequencies(logits, 1f, n, 77);
        // Temperature scales the logits before the softmax.
        assertFrequencies(logits, 2f, n, 78);
        assertFrequencies(logits, 0.5f, n, 79);
    }

    private static void assertFrequencies(float[] logits, float temperature, int n, long seed) {
        double[] p = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = Math.exp(logits[i] / temperature);
            sum += p[i];
        }
        int[] counts = new int[logits.length];
        Sampler sampler = new Sampler(temperature, seed);
        for (int i = 0; i < n; i++) {
            counts[sampler.sample(logits)]++;
        }
        double chiSquare = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] /= sum;
            double freq = counts[i] / (double) n;
            // Standard error is at most 0.0036 at n = 20000: 0.02 is over five of them.
            assertEquals(p[i], freq, 0.02, "token " + i + " at temperature " + temperature);
            double expected = p[i] * n;
            chiSquare += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        // 5 degrees of freedom: P(chi2 > 30) is below 2e-5.
        assertTrue(chiSquare < 30, "chi-square " + chiSquare + " at temperature " + temperature);
    }

    @Test
    void negativeNanAndInfiniteTemperaturesAreRejected() {
        for (float t : new float[] {-1f, -0.0001f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sampler(t, 0));
            assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        }
    }

    @Test
    void splitMix64MatchesTheReferenceSequence() {
        // First outputs of SplitMix64 seeded with 0 (Vigna's reference implementation).
        SplitMix64 random = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, random.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, random.nextLong());
        assertEquals(0x06C45D188009454FL, random.nextLong());
        SplitMix64 unit = new SplitMix64(12345);
        for (int i = 0; i < 10_000; i++) {
            double d = unit.nextDouble();
            assertTrue(d >= 0 && d < 1, "nextDouble out of [0, 1): " + d);
        }
    }
}
