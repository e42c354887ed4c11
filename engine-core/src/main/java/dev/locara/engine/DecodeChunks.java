package dev.locara.engine;

/**
 * How many greedy steps the generation loop asks the model for at once when the model chains them
 * on its device ({@link dev.locara.model.LanguageModel#decodeGreedy}): enough that one round trip
 * to the device serves many tokens, few enough that tokens still stream, and a cancel lands, about
 * every {@value #TARGET_MS} ms. The first chunk is one step; each later one is sized from the time
 * per step of the one before (which, for one step, includes a whole round trip, so the estimate
 * errs toward shorter chunks).
 */
final class DecodeChunks {
    /** Wall time one chunk aims at: tokens reach the reader in bursts at least 20 times a second. */
    static final double TARGET_MS = 50;

    private final Clock clock;
    private final int max;
    private int size = 1;
    private double started;

    DecodeChunks(Clock clock, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("A chunk holds at least one step, got a maximum of " + max + ".");
        }
        this.clock = clock;
        this.max = max;
    }

    /** Steps for the next chunk, at most {@code remaining}; its timing starts now. */
    int next(int remaining) {
        started = clock.nowMs();
        return Math.max(1, Math.min(size, remaining));
    }

    /** The chunk begun by {@link #next} ran {@code steps} steps and is done. */
    void done(int steps) {
        double perStep = (clock.nowMs() - started) / steps;
        size = perStep <= 0 ? max : (int) Math.max(1, Math.min(max, Math.floor(TARGET_MS / perStep)));
    }
}
