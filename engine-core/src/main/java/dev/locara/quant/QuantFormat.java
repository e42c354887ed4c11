package dev.locara.quant;

import dev.locara.gguf.GgmlType;

/**
 * One tensor storage type: a CPU reference dequantizer (block bytes to floats) and the reference
 * quantizer that reproduces ggml's {@code quantize_row_*_ref} byte for byte. Counts are in elements
 * and must be whole blocks ({@code type().blockSize}).
 */
public interface QuantFormat {
    GgmlType type();

    /** Decodes {@code count} values stored at {@code src[srcOff..]} into {@code dst[dstOff..]}. */
    void dequantize(byte[] src, int srcOff, float[] dst, int dstOff, int count);

    /** Encodes {@code count} values from {@code src[srcOff..]} into {@code dst[dstOff..]}. */
    void quantize(float[] src, int srcOff, int count, byte[] dst, int dstOff);

    default byte[] quantize(float[] src, int srcOff, int count) {
        byte[] out = new byte[(int) type().bytesFor(count)];
        quantize(src, srcOff, count, out, 0);
        return out;
    }
}
