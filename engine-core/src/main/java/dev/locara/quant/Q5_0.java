package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * Q5_0: blocks of 32 values in 22 bytes.
 * <pre>
 *   bytes 0-1   d       fp16 scale = (the value of largest magnitude) / -16
 *   bytes 2-5   qh      uint32 LE: bit j is the fifth bit of value j
 *   bytes 6-21  qs[16]  low 4 bits: low nibble of qs[j] is value j, high nibble is value j+16
 *   x = (q - 16) * d
 * </pre>
 */
public final class Q5_0 extends BlockFormat {
    public Q5_0() {
        super(GgmlType.Q5_0);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        float d = half(b, o);
        int qh = i32(b, o + 2);
        for (int j = 0; j < 16; j++) {
            int q = b[o + 6 + j];
            y[yo + j] = ((q & 0x0F | (qh >>> j & 1) << 4) - 16) * d;
            y[yo + j + 16] = ((q >> 4 & 0x0F | (qh >>> (j + 16) & 1) << 4) - 16) * d;
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
        float d = max / -16;
        float id = d != 0 ? 1.0f / d : 0.0f;
        putHalf(b, o, d);
        int qh = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = Math.min(31, (byte) (int) (x[xo + j] * id + 16.5f)) & 0xFF;
            int q1 = Math.min(31, (byte) (int) (x[xo + j + 16] * id + 16.5f)) & 0xFF;
            b[o + 6 + j] = (byte) (q0 & 0xF | (q1 & 0xF) << 4);
            qh |= (q0 >> 4 & 1) << j | (q1 >> 4 & 1) << (j + 16);
        }
        put32(b, o + 2, qh);
    }
}
