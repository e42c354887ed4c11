package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * Q5_1: blocks of 32 values in 24 bytes.
 * <pre>
 *   bytes 0-1   d       fp16 scale = (max - min) / 31
 *   bytes 2-3   m       fp16 minimum
 *   bytes 4-7   qh      uint32 LE: bit j is the fifth bit of value j
 *   bytes 8-23  qs[16]  low 4 bits: low nibble of qs[j] is value j, high nibble is value j+16
 *   x = q * d + m
 * </pre>
 */
public final class Q5_1 extends BlockFormat {
    public Q5_1() {
        super(GgmlType.Q5_1);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        float d = half(b, o);
        float m = half(b, o + 2);
        int qh = i32(b, o + 4);
        for (int j = 0; j < 16; j++) {
            int q = b[o + 8 + j];
            y[yo + j] = (q & 0x0F | (qh >>> j & 1) << 4) * d + m;
            y[yo + j + 16] = (q >> 4 & 0x0F | (qh >>> (j + 16) & 1) << 4) * d + m;
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
        float d = (max - min) / 31;
        float id = d != 0 ? 1.0f / d : 0.0f;
        putHalf(b, o, d);
        putHalf(b, o + 2, min);
        int qh = 0;
        for (int j = 0; j < 16; j++) {
            // no clamp here in ggml: (x - min) * id never exceeds 31.5
            int q0 = (int) ((x[xo + j] - min) * id + 0.5f) & 0xFF;
            int q1 = (int) ((x[xo + j + 16] - min) * id + 0.5f) & 0xFF;
            b[o + 8 + j] = (byte) (q0 & 0xF | (q1 & 0xF) << 4);
            qh |= (q0 >> 4 & 1) << j | (q1 >> 4 & 1) << (j + 16);
        }
        put32(b, o + 4, qh);
    }
}
