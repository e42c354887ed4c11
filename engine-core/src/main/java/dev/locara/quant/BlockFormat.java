package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/** The block loop every format shares; subclasses code one block each way. */
abstract class BlockFormat implements QuantFormat {
    private final GgmlType type;

    BlockFormat(GgmlType type) {
        this.type = type;
    }

    @Override
    public final GgmlType type() {
        return type;
    }

    abstract void dequantizeBlock(byte[] b, int o, float[] y, int yo);

    abstract void quantizeBlock(float[] x, int xo, byte[] b, int o);

    @Override
    public final void dequantize(byte[] src, int srcOff, float[] dst, int dstOff, int count) {
        checkWhole(count);
        for (int i = 0; i < count; i += type.blockSize) {
            dequantizeBlock(src, srcOff, dst, dstOff + i);
            srcOff += type.typeSize;
        }
    }

    @Override
    public final void quantize(float[] src, int srcOff, int count, byte[] dst, int dstOff) {
        checkWhole(count);
        for (int i = 0; i < count; i += type.blockSize) {
            quantizeBlock(src, srcOff + i, dst, dstOff);
            dstOff += type.typeSize;
        }
    }

    private void checkWhole(int count) {
        if (count % type.blockSize != 0) {
            throw new IllegalArgumentException(type + " stores blocks of " + type.blockSize + " values; " + count + " is not a multiple.");
        }
    }

    // Little-endian fields, as ggml lays its structs out on every platform it runs on.

    static int u16(byte[] b, int o) {
        return (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8;
    }

    static void put16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    static int i32(byte[] b, int o) {
        return u16(b, o) | u16(b, o + 2) << 16;
    }

    static void put32(byte[] b, int o, int v) {
        put16(b, o, v);
        put16(b, o + 2, v >>> 16);
    }

    static float half(byte[] b, int o) {
        return F16.toFloat(u16(b, o));
    }

    static void putHalf(byte[] b, int o, float v) {
        put16(b, o, F16.fromFloat(v));
    }
}
