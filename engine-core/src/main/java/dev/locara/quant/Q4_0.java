package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * Q4_0: blocks of 32 values in 18 bytes.
 * <pre>
 *   bytes 0-1   d       fp16 scale = (the value of largest magnitude) / -8
 *   bytes 2-17  qs[16]  4-bit quants: low nibble of qs[j] is value j, high nibble is value j+16
 *   x = (q - 8) * d
 * </pre>
 * Taking the signed extreme (not |max|) makes it land exactly on q = 0, so it is reproduced exactly.
 */
public final class Q4_0 extends BlockFormat {
    public Q4_0() {
        super(GgmlType.Q4_0);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        float d = half(b, o);
        for (int j = 0; j < 16; j++) {
            int q = b[o + 2 + j];
            y[yo + j] = ((q & 0x0F) - 8) * d;
            y[yo + j + 16] = ((q >> 4 & 0x0F) - 8) * d;
        }
    }

    @Override
    void quantizeBlock(float[] x, int xo, byte[] b, int o) {
        float amax = 0;
        float max = 0;
        for (int j = 0; j < 32; j++) {
            float v = x[xo + j];
            if (amax < Math.abs(v)) {
                amax = Math.abs(v);
                max = v;
            }
        }
        float d = max / -8;
        float id = d != 0 ? 1.0f / d : 0.0f;
        putHalf(b, o, d);
        for (int j = 0; j < 16; j++) {
            // ggml truncates x + 8.5 to int8, i.e. rounds half up, and clamps only the top
            int q0 = Math.min(15, (byte) (int) (x[xo + j] * id + 8.5f));
            int q1 = Math.min(15, (byte) (int) (x[xo + j + 16] * id + 8.5f));
            b[o + 2 + j] = (byte) (q0 & 0xF | q1 << 4);
        }
    }
}
