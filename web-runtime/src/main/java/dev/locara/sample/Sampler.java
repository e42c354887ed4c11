package dev.locara.sample;

/**
 * Picks the next token from logits: greedy (argmax, lowest id on ties) at temperature 0, otherwise
 * a draw from softmax(logits / temperature) with a seeded generator, so the same seed and settings
 * give the same tokens on the JVM and in the browser.
 */
public final class Sampler {
    private final float temperature;
    private final SplitMix64 random;
    private float[] probabilities = new float[0];

    public Sampler(float temperature, long seed) {
        if (!(temperature >= 0f) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        this.temperature = temperature;
        this.random = new SplitMix64(seed);
    }

    public int sample(float[] logits) {
        if (temperature == 0f) {
            return argmax(logits);
        }
        if (probabilities.length != logits.length) {
            probabilities = new float[logits.length];
        }
        float max = logits[argmax(logits)];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = (float) Math.exp((logits[i] - max) / temperature);
            sum += probabilities[i];
        }
        double r = random.nextDouble() * sum;
        double cumulative = 0;
        for (int i = 0; i < logits.length; i++) {
            cumulative += probabilities[i];
            if (r < cumulative) {
                return i;
            }
        }
        return logits.length - 1;
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
