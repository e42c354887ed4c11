package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/** F32: 4 bytes per value, IEEE binary32 little-endian. Here so the dispatch treats every type alike. */
public final class F32 extends BlockFormat {
    public F32() {
        super(GgmlType.F32);
    }

    @Override
    void dequantizeBlock(byte[] b, int o, float[] y, int yo) {
        y[yo] = Float.intBitsToFloat(i32(b, o));
    }

    @Override
    void quantizeBlock(float[] x, int xo, byte[] b, int o) {
        put32(b, o, Float.floatToRawIntBits(x[xo]));
    }
}
