package dev.locara.gpu;

import dev.locara.gguf.GgmlType;

/**
 * How a weight tensor of one type lies in GPU memory. Kernels read weights as u32 words, so a block
 * whose size is not a multiple of 4 bytes (Q4_0 18, Q5_0 22, Q8_0 34, Q6_K 210) is padded to the
 * next multiple at load time: two zero bytes go in right after the f16 scale (Q4_0, Q5_0, Q8_0,
 * which puts the quants on a word boundary) or at the end (Q6_K, whose scale is last). The other
 * types are used as stored. Kernels work on chunks of 32 values: a row of a block type must hold
 * whole chunks and blocks; F32, F16 and BF16 rows need only a multiple of 4 (the kernels read a tail).
 *
 * <p>Q4_K and Q5_K blocks keep everything but their 12 bytes of packed 6-bit scales and mins,
 * which become 16 bytes, one per sub-block scale then one per min ({@code d, dmin, sc[8], m[8],
 * ...}): a kernel then reads a sub-block's scale and min with one shift and mask each, instead
 * of ggml's branchy get_scale_min_k4 on every row of every chunk (measured on SwiftShader, that
 * decoding cost Q4_K more than its quants). Four bytes more per 256 weights (+2.8%).
 *
 * @param padAt byte of the file's block where the padding goes, or -1 when there is none
 * @param unpackedScales whether the K-quant scales are unpacked to bytes (Q4_K, Q5_K)
 */
public record PackedLayout(GgmlType type, int packedBlockBytes, int padAt, boolean unpackedScales) {
    /** Bytes of a K-quant block's packed scales and mins, and what they unpack to. */
    static final int K_SCALES = 12;
    static final int K_SCALES_UNPACKED = 16;

    /** Values per kernel chunk: one Q4_0 block, an eighth of a K-quant block. */
    public static final int CHUNK = 32;

    /** The layout of {@code type}, or an exception naming what is supported. */
    public static PackedLayout of(GgmlType type) {
        return switch (type) {
            case F32, F16, BF16, Q4_1, Q5_1 -> new PackedLayout(type, type.typeSize, -1, false);
            case Q4_K, Q5_K -> new PackedLayout(type, type.typeSize + K_SCALES_UNPACKED - K_SCALES, -1, true);
            case Q4_0, Q5_0, Q8_0 -> new PackedLayout(type, type.typeSize + 2, 2, false);
            case Q6_K -> new PackedLayout(type, type.typeSize + 2, type.typeSize, false);
            default -> throw new IllegalArgumentException("There is no GPU kernel for tensor type " + type + "; supported: "
                    + supported() + ".");
        };
    }

    public static boolean has(GgmlType type) {
        return switch (type) {
            case F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K -> true;
            default -> false;
        };
    }

    public static String supported() {
        return "F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q4_K, Q5_K, Q6_K";
    }

    public boolean padded() {
        return padAt >= 0;
    }

    /** Whether blocks change on their way to the GPU (padding or unpacked scales). */
    public boolean repacked() {
        return padded() || unpackedScales;
    }

    /** The define that selects this type's variant in quant.wgsl. */
    public String define() {
        return "TYPE_" + type.name();
    }

    /** Bytes of one row of {@code cols} values once packed. */
    public long rowBytes(int cols) {
        int multiple = type.blockSize == 1 ? 4 : Math.max(CHUNK, type.blockSize);
        if (cols % multiple != 0) {
            throw new IllegalArgumentException("A " + type + " row on the GPU needs a multiple of " + multiple
                    + " values, got " + cols + ".");
        }
        return (long) cols / type.blockSize * packedBlockBytes;
    }
}
