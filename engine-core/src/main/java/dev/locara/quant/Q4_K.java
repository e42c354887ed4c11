package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * Q4_K: super-blocks of 256 values (eight sub-blocks of 32) in 144 bytes.
 * <pre>
 *   bytes 0-1     d           fp16 super-scale of the sub-block scales
 *   bytes 2-3     dmin        fp16 super-scale of the sub-block mins
 *   bytes 4-15    scales[12]  eight 6-bit scales sc and eight 6-bit mins m ({@link KQuants#scale})
 *   bytes 16-143  qs[128]     4-bit quants; each 32 bytes hold two sub-blocks: low nibbles the
 *                             first (values 64k..64k+31), high nibbles the second
 *   x = d * sc * q - dmin * m
 * </pre>
 */
public final class Q4_K extends BlockFormat {
    public Q4_K() {
        super(GgmlType.Q4_K);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        float d = half(b, o);
        float min = half(b, o + 2);
        for (int j = 0; j < 4; j++) {
            float d1 = d * KQuants.scale(b, o + 4, 2 * j), m1 = min * KQuants.min(b, o + 4, 2 * j);
            float d2 = d * KQuants.scale(b, o + 4, 2 * j + 1), m2 = min * KQuants.min(b, o + 4, 2 * j + 1);
            int q = o + 16 + 32 * j;
            for (int l = 0; l < 32; l++) {
                y[yo + 64 * j + l] = d1 * (b[q + l] & 0xF) - m1;
                y[yo + 64 * j + 32 + l] = d2 * ((b[q + l] & 0xFF) >> 4) - m2;
            }
        }
    }

    @Override
    void quantizeBlock(float[] x, int xo, byte[] b, int o) {
        byte[] L = new byte[256];
        KQuants.scalesAndMins(x, xo, 15, -1.f, 20, b, o, L);
        for (int j = 0; j < 4; j++) {
            for (int l = 0; l < 32; l++) {
                b[o + 16 + 32 * j + l] = (byte) (L[64 * j + l] | L[64 * j + 32 + l] << 4);
            }
        }
    }
}
