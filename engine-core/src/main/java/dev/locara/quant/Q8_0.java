package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * Q8_0: blocks of 32 values in 34 bytes.
 * <pre>
 *   bytes 0-1   d       fp16 scale = max|x| / 127
 *   bytes 2-33  qs[32]  int8
 *   x[j] = qs[j] * d
 * </pre>
 */
public final class Q8_0 extends BlockFormat {
    public Q8_0() {
        super(GgmlType.Q8_0);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        float d = half(b, o);
        for (int j = 0; j < 32; j++) {
            y[yo + j] = b[o + 2 + j] * d;
        }
    }

    @Override
    void quantizeBlock(float[] x, int xo, byte[] b, int o) {
        float amax = 0;
        for (int j = 0; j < 32; j++) {
            amax = Math.max(amax, Math.abs(x[xo + j]));
        }
        float d = amax / 127;
        float id = d != 0 ? 1.0f / d : 0.0f;
        putHalf(b, o, d);
        for (int j = 0; j < 32; j++) {
            b[o + 2 + j] = (byte) roundHalfAway(x[xo + j] * id);
        }
    }

    /** C's roundf: halves go away from zero (Math.round would send -2.5 to -2). */
    static int roundHalfAway(float v) {
        return (int) Math.copySign(Math.floor(Math.abs((double) v) + 0.5), v);
    }
}
