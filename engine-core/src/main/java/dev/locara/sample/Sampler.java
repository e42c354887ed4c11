package dev.locara.sample;

/**
 * Picks the next token from logits with llama.cpp's default chain, in its order: logit bias,
 * penalties (repetition, presence, frequency) over the last {@code penaltyLastN} accepted tokens,
 * top-k, top-p, min-p, temperature, then a seeded draw. At temperature 0 it is greedy (argmax after
 * bias and penalties, lowest id on ties), as llama.cpp is for temperature &lt;= 0.
 *
 * <p>Same seed and settings give the same tokens on the JVM and in the browser: the generator is
 * SplitMix64, exponentials go through StrictMath (fdlibm, which browsers' Math.exp also follows),
 * and candidates are ordered by (logit desc, id asc), a total order, so any platform sorts alike.
 *
 * <p>One sampler serves one generation; its arrays are sized on first use and reused per token.
 */
public final class Sampler {
    private final SamplingParams params;
    private final SplitMix64 random;

    // Candidate ids; after top-k or a sort, ids[0..size) are in (logit desc, id asc) order.
    private int[] ids = new int[0];
    private double[] weights = new double[0];
    private float[] logits;

    // Penalty window: a ring of accepted tokens, their counts, and a stamp per token so each
    // distinct token is penalized once per step.
    private int[] ring = new int[0];
    private int ringStart;
    private int ringSize;
    private int[] counts = new int[0];
    private int[] stamps = new int[0];
    private int step;

    public Sampler(SamplingParams params) {
        this.params = params;
        this.random = new SplitMix64(params.seed());
    }

    /** A plain draw at this temperature (greedy at 0). */
    public Sampler(float temperature, long seed) {
        this(SamplingParams.of(temperature, seed));
    }

    public SamplingParams params() {
        return params;
    }

    /** Records a token the penalties should count: each prompt token, then each sampled one. */
    public void accept(int token) {
        if (!params.penalizes() || token < 0) {
            return;
        }
        if (token >= counts.length) {
            counts = java.util.Arrays.copyOf(counts, Math.max(token + 1, counts.length * 2));
            stamps = java.util.Arrays.copyOf(stamps, counts.length);
        }
        int window = params.penaltyLastN();
        if (window > 0 && ringSize == window) {
            counts[ring[ringStart]]--;
            ring[ringStart] = token;
            ringStart = (ringStart + 1) % window;
        } else {
            if (ringSize == ring.length) {
                // Grows while filling (only once for a fixed window; by doubling for the whole context).
                int[] grown = new int[window > 0 ? window : Math.max(64, ring.length * 2)];
                for (int i = 0; i < ringSize; i++) {
                    grown[i] = ring[(ringStart + i) % ring.length];
                }
                ring = grown;
                ringStart = 0;
            }
            ring[(ringStart + ringSize++) % ring.length] = token;
        }
        counts[token]++;
    }

    /** Picks a token. The bias and penalties are applied to {@code logits} in place. */
    public int sample(float[] logits) {
        applyBias(logits);
        applyPenalties(logits);
        if (params.temperature() == 0f) {
            return argmax(logits);
        }
        this.logits = logits;
        int size = topK(logits.length);
        boolean sorted = size < logits.length;
        float max = logits[sorted ? ids[0] : argmax(logits)];
        if (params.topP() < 1f || params.minP() > 0f) {
            size = topPMinP(size, sorted, max);
        }
        return draw(size, max);
    }

    private void applyBias(float[] logits) {
        int[] tokens = params.biasTokens();
        float[] values = params.biasValues();
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] >= logits.length) {
                throw new IllegalArgumentException("logit_bias names token " + tokens[i] + " but the model has only "
                        + logits.length + " tokens (ids 0 to " + (logits.length - 1) + ").");
            }
            logits[tokens[i]] += values[i];
        }
    }

    /** llama.cpp's penalties: repetition scales the logit toward "less likely"; presence and frequency subtract. */
    private void applyPenalties(float[] logits) {
        if (ringSize == 0) {
            return;
        }
        step++;
        for (int i = 0; i < ringSize; i++) {
            int t = ring[(ringStart + i) % ring.length];
            if (stamps[t] == step || t >= logits.length) {
                continue;
            }
            stamps[t] = step;
            int count = counts[t];
            float l = logits[t];
            l = l <= 0 ? l * params.repeatPenalty() : l / params.repeatPenalty();
            logits[t] = l - count * params.frequencyPenalty() - params.presencePenalty();
        }
    }

    /** Fills ids with every candidate, or with the k best sorted when top-k cuts; returns how many. */
    private int topK(int n) {
        if (ids.length != n) {
            ids = new int[n];
            weights = new double[n];
        }
        int k = params.topK();
        if (k <= 0 || k >= n) {
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
            return n;
        }
        // A heap of the k best so far with the worst at its root: O(n log k), and only k get sorted.
        for (int i = 0; i < k; i++) {
            ids[i] = i;
        }
        for (int i = k / 2 - 1; i >= 0; i--) {
            siftDown(i, k);
        }
        for (int i = k; i < n; i++) {
            if (better(i, ids[0])) {
                ids[0] = i;
                siftDown(0, k);
            }
        }
        sortHeap(k);
        return k;
    }

    /**
     * Top-p then min-p. Both keep a prefix of the sorted candidates, so the result is the shorter
     * prefix: min-p is a threshold on the logit (p_i &gt;= min_p * p_max) that needs no sort, and only
     * its survivors are sorted for top-p, whose probabilities are normalized over all candidates.
     */
    private int topPMinP(int size, boolean sorted, float max) {
        double total = 0;
        for (int i = 0; i < size; i++) {
            total += StrictMath.exp((double) logits[ids[i]] - max);
        }
        if (params.minP() > 0f) {
            double threshold = max + StrictMath.log(params.minP());
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (logits[ids[i]] >= threshold) {
                    ids[kept++] = ids[i];
                }
            }
            size = kept;
        }
        if (params.topP() < 1f) {
            if (!sorted) {
                for (int i = size / 2 - 1; i >= 0; i--) {
                    siftDown(i, size);
                }
                sortHeap(size);
            }
            double cumulative = 0;
            for (int i = 0; i < size; i++) {
                cumulative += StrictMath.exp((double) logits[ids[i]] - max) / total;
                if (cumulative >= params.topP()) {
                    return i + 1;
                }
            }
        }
        return size;
    }

    private int draw(int size, float max) {
        double temperature = params.temperature();
        double sum = 0;
        for (int i = 0; i < size; i++) {
            weights[i] = StrictMath.exp(((double) logits[ids[i]] - max) / temperature);
            sum += weights[i];
        }
        double r = random.nextDouble() * sum;
        double cumulative = 0;
        for (int i = 0; i < size; i++) {
            cumulative += weights[i];
            if (r < cumulative) {
                return ids[i];
            }
        }
        return ids[size - 1];
    }

    /** The order candidates are ranked in: higher logit first, lower id on ties. */
    private boolean better(int a, int b) {
        float la = logits[a];
        float lb = logits[b];
        return la > lb || (la == lb && a < b);
    }

    /** Min-heap by rank over ids[0..size): the root is the worst candidate. */
    private void siftDown(int i, int size) {
        int id = ids[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && better(ids[child], ids[child + 1])) {
                child++;
            }
            if (!better(id, ids[child])) {
                break;
            }
            ids[i] = ids[child];
            i = child;
        }
        ids[i] = id;
    }

    /** Turns the heap over ids[0..size) into best-first order (the worst goes to the end first). */
    private void sortHeap(int size) {
        for (int end = size - 1; end > 0; end--) {
            int worst = ids[0];
            ids[0] = ids[end];
            ids[end] = worst;
            siftDown(0, end);
        }
    }

    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
