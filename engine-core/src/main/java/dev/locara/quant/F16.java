package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * F16: 2 bytes per value, IEEE binary16 little-endian (1 sign, 5 exponent, 10 mantissa bits).
 * Java 17 has no Float.float16ToFloat, so both directions are written out here; every quant
 * format's scales go through them.
 */
public final class F16 extends BlockFormat {
    public F16() {
        super(GgmlType.F16);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        y[yo] = half(b, o);
    }

    @Override
    void quantizeBlock(float[] x, int xo, byte[] b, int o) {
        putHalf(b, o, x[xo]);
    }

    /** Every half is exactly a float, so this is plain bit moving; NaNs come out quiet, as on x86. */
    public static float toFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = h >>> 10 & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0) {
            float v = mant * 0x1.0p-24f; // subnormal (or zero): exact in float
            return sign != 0 ? -v : v;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | mant << 13 | (mant != 0 ? 0x400000 : 0));
        }
        return Float.intBitsToFloat(sign | (exp + 112) << 23 | mant << 13);
    }

    /**
     * Round to nearest even, as ggml's software path does it (after Maratyszcza's FP16): scaling
     * by 2^112 then 2^-110 and adding a power of two lets the float adder do the rounding, so this
     * matches ggml bit for bit, overflow to infinity included. Every NaN becomes 0x7E00 (with its sign).
     */
    public static int fromFloat(float f) {
        float base = Math.abs(f) * 0x1.0p+112f * 0x1.0p-110f;
        int w = Float.floatToRawIntBits(f);
        int shl1 = w + w;
        int sign = w & 0x80000000;
        int bias = shl1 & 0xFF000000;
        if (Integer.compareUnsigned(bias, 0x71000000) < 0) {
            bias = 0x71000000;
        }
        base = Float.intBitsToFloat((bias >>> 1) + 0x07800000) + base;
        int bits = Float.floatToRawIntBits(base);
        int nonsign = (bits >>> 13 & 0x7C00) + (bits & 0x0FFF);
        return sign >>> 16 | (Integer.compareUnsigned(shl1, 0xFF000000) > 0 ? 0x7E00 : nonsign);
    }
}
