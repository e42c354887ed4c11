package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * BF16: 2 bytes per value, the top half of an IEEE binary32 (1 sign, 8 exponent, 7 mantissa bits);
 * a value is its bits shifted left by 16. Encoding rounds to nearest even and keeps subnormals, as
 * ggml's ggml_compute_fp32_to_bf16 does; a NaN keeps its top bits and is forced quiet (bit 6).
 */
public final class BF16 extends BlockFormat {
    public BF16() {
        super(GgmlType.BF16);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        y[yo] = Float.intBitsToFloat(u16(b, o) << 16);
    }

    @Override
    void quantizeBlock(float[] x, int xo, byte[] b, int o) {
        put16(b, o, fromFloat(x[xo]));
    }

    public static int fromFloat(float f) {
        int u = Float.floatToRawIntBits(f);
        if ((u & 0x7FFFFFFF) > 0x7F800000) {
            return u >>> 16 | 64;
        }
        return (u + (0x7FFF + (u >>> 16 & 1))) >>> 16;
    }
}
