package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * Q4_1: blocks of 32 values in 20 bytes.
 * <pre>
 *   bytes 0-1   d       fp16 scale = (max - min) / 15
 *   bytes 2-3   m       fp16 minimum
 *   bytes 4-19  qs[16]  4-bit quants: low nibble of qs[j] is value j, high nibble is value j+16
 *   x = q * d + m
 * </pre>
 */
public final class Q4_1 extends BlockFormat {
    public Q4_1() {
        super(GgmlType.Q4_1);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        float d = half(b, o);
        float m = half(b, o + 2);
        for (int j = 0; j < 16; j++) {
            int q = b[o + 4 + j];
            y[yo + j] = (q & 0x0F) * d + m;
            y[yo + j + 16] = (q >> 4 & 0x0F) * d + m;
        }
    }

    @Override
    void quantizeBlock(float[] x, int xo, byte[] b, int o) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int j = 0; j < 32; j++) {
            float v = x[xo + j];
            if (v < min) min = v;
            if (v > max) max = v;
        }
        float d = (max - min) / 15;
        float id = d != 0 ? 1.0f / d : 0.0f;
        putHalf(b, o, d);
        putHalf(b, o + 2, min);
        for (int j = 0; j < 16; j++) {
            int q0 = Math.min(15, (byte) (int) ((x[xo + j] - min) * id + 0.5f));
            int q1 = Math.min(15, (byte) (int) ((x[xo + j + 16] - min) * id + 0.5f));
            b[o + 4 + j] = (byte) (q0 & 0xF | q1 << 4);
        }
    }
}
