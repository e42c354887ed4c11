package dev.locara.quant;

/**
 * The test inputs of the golden files, regenerated exactly as the C program that produced them did
 * (see src/test/resources/quant-golden/README.md): xorshift32 and exact float arithmetic only.
 */
final class GoldenRows {
    static final int RANDOM = 0, ZEROS = 1, TINY = 2, HUGE = 3, NEGATIVE = 4, POSITIVE = 5, MIXED = 6, OUTLIER = 7,
            SPECIALS = 8;

    private static final int[] SPECIAL_BITS = {0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x477fe000,
        0x477fefff, 0x477ff000, 0x32abcc77, 0x33800000, 0x33000000, 0x33400000, 0x7fc00000, 0x7fc12345, 0xffc00001,
        0x7f800000, 0xff800000, 0x7e967699, 0x7f7fffff, 0x3f808000, 0x3f818000, 0x8001a1a1, 0x387fc000, 0x38800000,
        0xc4fff000};

    private int state;

    private GoldenRows(int seed) {
        state = seed;
    }

    private int next() {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return state;
    }

    private float u01() {
        return (next() >>> 8) * 0x1.0p-24f;
    }

    private float s11() {
        return u01() * 2.0f - 1.0f;
    }

    static float[] row(int kind, int n, int seed) {
        GoldenRows g = new GoldenRows(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            float v = g.s11();
            x[i] = switch (kind) {
                case RANDOM -> v;
                case ZEROS -> 0.0f;
                case TINY -> v * 1e-5f;
                case HUGE -> v * 3e4f;
                case NEGATIVE -> -(g.u01() * 2.0f + 1e-3f);
                case POSITIVE -> g.u01() * 2.0f + 0.5f;
                case MIXED -> v * (float) (1 << (i / 32 % 8)) / 16.0f;
                case OUTLIER -> i == n / 3 ? 50.0f : v * 0.1f;
                case SPECIALS -> i < SPECIAL_BITS.length ? Float.intBitsToFloat(SPECIAL_BITS[i]) : v * 1e5f;
                default -> throw new IllegalArgumentException("row kind " + kind);
            };
        }
        return x;
    }
}
