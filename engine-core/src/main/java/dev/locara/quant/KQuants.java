package dev.locara.quant;

/**
 * The rounding and scale searches ggml's K-quant reference quantizers share, kept to ggml's
 * operation order: float arithmetic is not associative, and bit-exact files depend on it.
 */
final class KQuants {
    /** ggml's GROUP_MAX_EPS: a group whose largest |x| is below this is all zero. */
    static final float GROUP_MAX_EPS = 1e-15f;

    private KQuants() {
    }

    /**
     * Round half to even through the float adder: adding 1.5 * 2^23 leaves the rounded integer in the
     * low mantissa bits (valid for |v| <= 2^22, as ggml asserts).
     */
    static int nearestInt(float v) {
        int i = Float.floatToRawIntBits(v + 12582912.f);
        return (i & 0x007FFFFF) - 0x00400000;
    }

    /**
     * ggml's make_qkx2_quants: an asymmetric (scale, min) fit of {@code n} values onto 0..nmax,
     * trying nstep+1 scales around nmax / (max - min) and keeping the weighted-error best.
     * Writes the quants to {@code L[lo..]}; returns the scale and stores -min in {@code theMin[0]}.
     */
    static float makeQkx2Quants(int n, int nmax, float[] x, int xo, float[] weights, byte[] L, int lo,
                                float[] theMin, byte[] laux, float rmin, float rdelta, int nstep) {
        float min = x[xo];
        float max = x[xo];
        float sumW = weights[0];
        float sumX = sumW * x[xo];
        for (int i = 1; i < n; i++) {
            float xi = x[xo + i];
            if (xi < min) min = xi;
            if (xi > max) max = xi;
            float w = weights[i];
            sumW += w;
            sumX += w * xi;
        }
        if (min > 0) min = 0;
        if (max == min) {
            for (int i = 0; i < n; i++) L[lo + i] = 0;
            theMin[0] = -min;
            return 0.f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; i++) {
            int l = Math.max(0, Math.min(nmax, nearestInt(iscale * (x[xo + i] - min))));
            L[lo + i] = (byte) l;
            float diff = scale * l + min - x[xo + i];
            bestError += weights[i] * (diff * diff);
        }
        for (int is = 0; is <= nstep; is++) {
            iscale = (rmin + rdelta * is + nmax) / (max - min);
            float sumL = 0, sumL2 = 0, sumXL = 0;
            for (int i = 0; i < n; i++) {
                int l = Math.max(0, Math.min(nmax, nearestInt(iscale * (x[xo + i] - min))));
                laux[i] = (byte) l;
                float w = weights[i];
                sumL += w * l;
                sumL2 += w * l * l;
                sumXL += w * l * x[xo + i];
            }
            float D = sumW * sumL2 - sumL * sumL;
            if (D > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / D;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / D;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float curError = 0;
                for (int i = 0; i < n; i++) {
                    float diff = thisScale * laux[i] + thisMin - x[xo + i];
                    curError += weights[i] * (diff * diff);
                }
                if (curError < bestError) {
                    System.arraycopy(laux, 0, L, lo, n);
                    bestError = curError;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        theMin[0] = -min;
        return scale;
    }

    /**
     * ggml's make_qx_quants with rmse_type 1 (weights x^2) and no importance weights: a symmetric
     * scale for values in -nmax..nmax-1, searched over 18 perturbations of nmax / max.
     * Writes q + nmax to {@code L[lo..]} and returns the scale.
     */
    static float makeQxQuants(int n, int nmax, float[] x, int xo, byte[] L, int lo) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[xo + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xo + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < n; i++) L[lo + i] = 0;
            return 0.f;
        }
        float iscale = -nmax / max;
        float sumLX = 0;
        float sumL2 = 0;
        for (int i = 0; i < n; i++) {
            float xi = x[xo + i];
            int l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * xi)));
            L[lo + i] = (byte) (l + nmax);
            float w = xi * xi;
            sumLX += w * xi * l;
            sumL2 += w * l * l;
        }
        float scale = sumL2 != 0 ? sumLX / sumL2 : 0.0f;
        float best = scale * sumLX;
        for (int is = -9; is <= 9; is++) {
            if (is == 0) continue;
            iscale = -(nmax + 0.1f * is) / max;
            sumLX = sumL2 = 0;
            for (int i = 0; i < n; i++) {
                float xi = x[xo + i];
                int l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * xi)));
                float w = xi * xi;
                sumLX += w * xi * l;
                sumL2 += w * l * l;
            }
            if (sumL2 > 0 && sumLX * sumLX > best * sumL2) {
                for (int i = 0; i < n; i++) {
                    int l = nearestInt(iscale * x[xo + i]);
                    L[lo + i] = (byte) (nmax + Math.max(-nmax, Math.min(nmax - 1, l)));
                }
                scale = sumLX / sumL2;
                best = scale * sumLX;
            }
        }
        return scale;
    }

    /**
     * The 12-byte scales field of Q4_K and Q5_K: eight 6-bit scales and eight 6-bit mins. Sub-blocks
     * 0-3 use the low 6 bits of bytes 0-3 (scale) and 4-7 (min); sub-blocks 4-7 keep their low 4 bits
     * in bytes 8-11 and their top 2 bits in the spare top bits of bytes 0-7.
     */
    static int scale(byte[] q, int o, int j) {
        return j < 4 ? q[o + j] & 63 : (q[o + j + 4] & 0xF) | ((q[o + j - 4] & 0xFF) >> 6) << 4;
    }

    static int min(byte[] q, int o, int j) {
        return j < 4 ? q[o + j + 4] & 63 : (q[o + j + 4] & 0xFF) >> 4 | ((q[o + j] & 0xFF) >> 6) << 4;
    }

    static void putScaleMin(byte[] q, int o, int j, int ls, int lm) {
        if (j < 4) {
            q[o + j] = (byte) ls;
            q[o + j + 4] = (byte) lm;
        } else {
            q[o + j + 4] = (byte) (ls & 0xF | (lm & 0xF) << 4);
            q[o + j - 4] |= (byte) ((ls >> 4) << 6);
            q[o + j] |= (byte) ((lm >> 4) << 6);
        }
    }

    /**
     * The shared body of Q4_K and Q5_K: fits each 32-value sub-block with make_qkx2_quants, quantizes
     * the eight scales and mins to 6 bits under fp16 super-scales d and dmin, writes those at
     * {@code b[o..o+15]}, then requantizes every value against its rounded scale and min into L.
     */
    static void scalesAndMins(float[] x, int xo, int nmax, float rmin, int nstep, byte[] b, int o, byte[] L) {
        float[] scales = new float[8];
        float[] mins = new float[8];
        float[] weights = new float[32];
        float[] theMin = new float[1];
        byte[] laux = new byte[32];
        float maxScale = 0;
        float maxMin = 0;
        for (int j = 0; j < 8; j++) {
            float sumX2 = 0;
            for (int l = 0; l < 32; l++) sumX2 += x[xo + 32 * j + l] * x[xo + 32 * j + l];
            float avX = (float) Math.sqrt(sumX2 / 32);
            for (int l = 0; l < 32; l++) weights[l] = avX + Math.abs(x[xo + 32 * j + l]);
            scales[j] = makeQkx2Quants(32, nmax, x, xo + 32 * j, weights, L, 32 * j, theMin, laux, rmin, 0.1f, nstep);
            mins[j] = theMin[0];
            if (scales[j] > maxScale) maxScale = scales[j];
            if (mins[j] > maxMin) maxMin = mins[j];
        }
        float invScale = maxScale > 0 ? 63.f / maxScale : 0.f;
        float invMin = maxMin > 0 ? 63.f / maxMin : 0.f;
        for (int j = 0; j < 8; j++) {
            // ggml stores nearest_int into a uint8_t before clamping to 63
            int ls = Math.min(63, nearestInt(invScale * scales[j]) & 0xFF);
            int lm = Math.min(63, nearestInt(invMin * mins[j]) & 0xFF);
            putScaleMin(b, o + 4, j, ls, lm);
        }
        BlockFormat.putHalf(b, o, maxScale / 63.f);
        BlockFormat.putHalf(b, o + 2, maxMin / 63.f);
        float d0 = BlockFormat.half(b, o);
        float dmin0 = BlockFormat.half(b, o + 2);
        for (int j = 0; j < 8; j++) {
            float d = d0 * scale(b, o + 4, j);
            if (d == 0) continue; // keeps make_qkx2_quants' quants, as ggml does
            float dm = dmin0 * min(b, o + 4, j);
            for (int ii = 0; ii < 32; ii++) {
                int l = nearestInt((x[xo + 32 * j + ii] + dm) / d);
                L[32 * j + ii] = (byte) Math.max(0, Math.min(nmax, l));
            }
        }
    }
}
