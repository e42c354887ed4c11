package dev.locara.tokenizer;

/**
 * Steps the tokenizers take in their inner loops (code points scanned, merge candidates queued and taken,
 * vocabulary probes), summed over all tokenizers. A test reads it before and after encoding a text of length
 * n and of 2n to check that the work grows linearly, which a wall clock cannot show reliably.
 * A plain static sum: it costs one addition per loop step, and only a single-threaded test reads it.
 */
final class WorkCounter {
    private static long steps;

    private WorkCounter() {
    }

    static void add(long n) {
        steps += n;
    }

    static long steps() {
        return steps;
    }
}
