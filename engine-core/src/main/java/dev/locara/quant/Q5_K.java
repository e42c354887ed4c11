package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * Q5_K: super-blocks of 256 values (eight sub-blocks of 32) in 176 bytes.
 * <pre>
 *   bytes 0-1     d           fp16 super-scale of the sub-block scales
 *   bytes 2-3     dmin        fp16 super-scale of the sub-block mins
 *   bytes 4-15    scales[12]  eight 6-bit scales sc and eight 6-bit mins m, packed as in Q4_K
 *   bytes 16-47   qh[32]      fifth bits: bit 2k of qh[l] for value 64k+l, bit 2k+1 for 64k+32+l
 *   bytes 48-175  qs[128]     low 4 bits, laid out as Q4_K's qs
 *   x = d * sc * q - dmin * m
 * </pre>
 */
public final class Q5_K extends BlockFormat {
    public Q5_K() {
        super(GgmlType.Q5_K);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        float d = half(b, o);
        float min = half(b, o + 2);
        for (int j = 0; j < 4; j++) {
            float d1 = d * KQuants.scale(b, o + 4, 2 * j), m1 = min * KQuants.min(b, o + 4, 2 * j);
            float d2 = d * KQuants.scale(b, o + 4, 2 * j + 1), m2 = min * KQuants.min(b, o + 4, 2 * j + 1);
            int q = o + 48 + 32 * j;
            for (int l = 0; l < 32; l++) {
                int h = b[o + 16 + l] >> (2 * j);
                y[yo + 64 * j + l] = d1 * ((b[q + l] & 0xF) + ((h & 1) << 4)) - m1;
                y[yo + 64 * j + 32 + l] = d2 * (((b[q + l] & 0xFF) >> 4) + ((h & 2) << 3)) - m2;
            }
        }
    }

    @Override
    void quantizeBlock(float[] x, int xo, byte[] b, int o) {
        byte[] L = new byte[256];
        KQuants.scalesAndMins(x, xo, 31, -0.5f, 15, b, o, L);
        for (int l = 0; l < 32; l++) {
            b[o + 16 + l] = 0;
        }
        for (int j = 0; j < 4; j++) {
            for (int l = 0; l < 32; l++) {
                int l1 = L[64 * j + l];
                int l2 = L[64 * j + 32 + l];
                b[o + 16 + l] |= (byte) ((l1 >> 4) << (2 * j) | (l2 >> 4) << (2 * j + 1));
                b[o + 48 + 32 * j + l] = (byte) (l1 & 0xF | (l2 & 0xF) << 4);
            }
        }
    }
}
