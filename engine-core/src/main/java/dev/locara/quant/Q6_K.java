package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * Q6_K: super-blocks of 256 values (sixteen sub-blocks of 16) in 210 bytes.
 * <pre>
 *   bytes 0-127    ql[128]     low 4 bits; per half (128 values, 64 bytes): byte l holds value l (low
 *                              nibble) and l+64 (high), byte 32+l holds l+32 and l+96
 *   bytes 128-191  qh[64]      top 2 bits; per half (32 bytes): byte l holds values l, l+32, l+64,
 *                              l+96 in bit pairs 0-1, 2-3, 4-5, 6-7
 *   bytes 192-207  scales[16]  int8 sub-block scales sc
 *   bytes 208-209  d           fp16 super-scale
 *   x = d * sc * (q - 32)
 * </pre>
 */
public final class Q6_K extends BlockFormat {
    public Q6_K() {
        super(GgmlType.Q6_K);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        float d = half(b, o + 208);
        for (int n = 0; n < 2; n++) {
            int ql = o + 64 * n, qh = o + 128 + 32 * n, sc = o + 192 + 8 * n, out = yo + 128 * n;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int h = b[qh + l];
                int q1 = (b[ql + l] & 0xF | (h & 3) << 4) - 32;
                int q2 = (b[ql + l + 32] & 0xF | (h >> 2 & 3) << 4) - 32;
                int q3 = ((b[ql + l] & 0xFF) >> 4 | (h >> 4 & 3) << 4) - 32;
                int q4 = ((b[ql + l + 32] & 0xFF) >> 4 | (h >> 6 & 3) << 4) - 32;
                y[out + l] = d * b[sc + is] * q1;
                y[out + l + 32] = d * b[sc + is + 2] * q2;
                y[out + l + 64] = d * b[sc + is + 4] * q3;
                y[out + l + 96] = d * b[sc + is + 6] * q4;
            }
        }
    }

    @Override
    void quantizeBlock(float[] x, int xo, byte[] b, int o) {
        byte[] L = new byte[256];
        float[] scales = new float[16];
        float maxScale = 0;
        float maxAbsScale = 0;
        for (int ib = 0; ib < 16; ib++) {
            scales[ib] = KQuants.makeQxQuants(16, 32, x, xo + 16 * ib, L, 16 * ib);
            float abs = Math.abs(scales[ib]);
            if (abs > maxAbsScale) {
                maxAbsScale = abs;
                maxScale = scales[ib];
            }
        }
        if (maxAbsScale < KQuants.GROUP_MAX_EPS) {
            java.util.Arrays.fill(b, o, o + 210, (byte) 0);
            return;
        }
        float iscale = -128.f / maxScale;
        putHalf(b, o + 208, 1 / iscale);
        for (int ib = 0; ib < 16; ib++) {
            b[o + 192 + ib] = (byte) Math.min(127, KQuants.nearestInt(iscale * scales[ib]));
        }
        float d0 = half(b, o + 208);
        for (int j = 0; j < 16; j++) {
            float d = d0 * b[o + 192 + j];
            if (d == 0) continue;
            for (int ii = 0; ii < 16; ii++) {
                int l = KQuants.nearestInt(x[xo + 16 * j + ii] / d);
                L[16 * j + ii] = (byte) (Math.max(-32, Math.min(31, l)) + 32);
            }
        }
        for (int n = 0; n < 2; n++) {
            int ql = o + 64 * n, qh = o + 128 + 32 * n, j = 128 * n;
            for (int l = 0; l < 32; l++) {
                int q1 = L[j + l], q2 = L[j + l + 32], q3 = L[j + l + 64], q4 = L[j + l + 96];
                b[ql + l] = (byte) (q1 & 0xF | (q3 & 0xF) << 4);
                b[ql + l + 32] = (byte) (q2 & 0xF | (q4 & 0xF) << 4);
                b[qh + l] = (byte) (q1 >> 4 | (q2 >> 4) << 2 | (q3 >> 4) << 4 | (q4 >> 4) << 6);
            }
        }
    }
}
