package dev.locara.tokenizer;

import java.util.Arrays;

/**
 * Canonical decomposition (NFD) of single code points, from a table generated off the JDK's Normalizer
 * ({@link NfdTable}) plus the Hangul arithmetic. Plain Java over plain data, so the JVM and TeaVM (which
 * has no java.text.Normalizer) decompose identically. Canonical reordering of combining marks is not
 * done: its only user, WordPiece accent stripping, drops the marks anyway.
 */
final class Nfd {
    private static int[] keys;     // sorted code points that decompose
    private static int[][] values; // their full decompositions

    private Nfd() {
    }

    /** The decomposition of {@code cp}, or null when it has none. */
    static int[] decompose(int cp) {
        if (cp >= 0xAC00 && cp <= 0xD7A3) { // Hangul syllable: leading consonant, vowel, optional trailing consonant
            int s = cp - 0xAC00;
            int l = 0x1100 + s / 588;
            int v = 0x1161 + (s % 588) / 28;
            int t = s % 28;
            return t == 0 ? new int[] {l, v} : new int[] {l, v, 0x11A7 + t};
        }
        if (keys == null) {
            load();
        }
        int i = Arrays.binarySearch(keys, cp);
        return i >= 0 ? values[i] : null;
    }

    private static synchronized void load() {
        if (keys != null) {
            return;
        }
        int[] data = CodePoints.of(NfdTable.DATA);
        int n = 0;
        for (int i = 0; i < data.length; i += 2 + data[i + 1]) {
            n++;
        }
        int[] k = new int[n];
        int[][] v = new int[n][];
        for (int i = 0, e = 0; i < data.length; i += 2 + data[i + 1], e++) {
            k[e] = data[i];
            v[e] = Arrays.copyOfRange(data, i + 2, i + 2 + data[i + 1]);
        }
        values = v;
        keys = k;
    }
}
