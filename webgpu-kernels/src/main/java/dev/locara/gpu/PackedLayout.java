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
 * @param padAt byte of the file's block where the padding goes, or -1 when there is none
 */
public record PackedLayout(GgmlType type, int packedBlockBytes, int padAt) {
    /** Values per kernel chunk: one Q4_0 block, an eighth of a K-quant block. */
    public static final int CHUNK = 32;

    /** The layout of {@code type}, or an exception naming what is supported. */
    public static PackedLayout of(GgmlType type) {
        return switch (type) {
            case F32, F16, BF16, Q4_1, Q5_1, Q4_K, Q5_K -> new PackedLayout(type, type.typeSize, -1);
            case Q4_0, Q5_0, Q8_0 -> new PackedLayout(type, type.typeSize + 2, 2);
            case Q6_K -> new PackedLayout(type, type.typeSize + 2, type.typeSize);
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
