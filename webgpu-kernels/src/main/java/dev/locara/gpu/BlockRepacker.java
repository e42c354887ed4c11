package dev.locara.gpu;

/**
 * {@link PackedLayout}'s repacking (padding, or K-quant scales unpacked to bytes) on the CPU: what
 * {@link WeightUpload} uses on CPU-emulated adapters, and the definition the checks compare
 * repack.wgsl with. Takes the tensor's file
 * bytes in order, in chunks of any size (a block may straddle two chunks), and hands out packed
 * bytes in bounded runs. Memory is one partial block and one output run, never the tensor.
 */
public final class BlockRepacker {
    /** Receives packed bytes for offsets {@code [offset, offset + length)} of the packed tensor. */
    interface Sink {
        void write(long offset, byte[] data, int length);
    }

    private final int blockBytes;
    private final int packedBytes;
    private final int padAt;
    private final boolean unpackScales;
    private final Sink sink;
    private final byte[] partial;
    private int partialFill;
    private final byte[] out;
    private int outFill;
    private long outStart;

    BlockRepacker(PackedLayout layout, Sink sink, int runBytes) {
        this.blockBytes = layout.type().typeSize;
        this.packedBytes = layout.packedBlockBytes();
        this.padAt = layout.padAt();
        this.unpackScales = layout.unpackedScales();
        this.sink = sink;
        this.partial = new byte[blockBytes];
        this.out = new byte[Math.max(1, runBytes / packedBytes) * packedBytes];
    }

    /** A whole tensor's file bytes, packed. */
    public static byte[] pack(PackedLayout layout, byte[] file) {
        byte[] out = new byte[(int) ((long) file.length / layout.type().typeSize * layout.packedBlockBytes())];
        BlockRepacker r = new BlockRepacker(layout, (offset, data, length) -> System.arraycopy(data, 0, out, (int) offset, length),
                1 << 16);
        r.accept(file, 0, file.length);
        r.finish();
        return out;
    }

    void accept(byte[] src, int offset, int length) {
        int end = offset + length;
        while (offset < end) {
            if (partialFill > 0 || end - offset < blockBytes) {
                int n = Math.min(blockBytes - partialFill, end - offset);
                System.arraycopy(src, offset, partial, partialFill, n);
                partialFill += n;
                offset += n;
                if (partialFill == blockBytes) {
                    pack(partial, 0);
                    partialFill = 0;
                }
            } else {
                pack(src, offset);
                offset += blockBytes;
            }
        }
    }

    /** Writes what is still held; the tensor must have ended on a block boundary. */
    void finish() {
        if (partialFill != 0) {
            throw new IllegalStateException("The tensor's bytes ended inside a block (" + partialFill + " of " + blockBytes + ").");
        }
        drain();
    }

    private void pack(byte[] src, int o) {
        if (unpackScales) {
            unpackScales(src, o, out, outFill);
        } else {
            pad(src, o);
        }
        outFill += packedBytes;
        if (outFill == out.length) {
            drain();
        }
    }

    /**
     * A Q4_K or Q5_K block with its 12 bytes of scales (after d and dmin) rewritten as sc[8] then
     * m[8], one byte each: ggml's get_scale_min_k4, for sub-block j, gives scale q[j] & 63 and min
     * q[j + 4] & 63 for j < 4, and for j >= 4 scale (q[j + 4] & 15) | (q[j - 4] >> 6) << 4 and min
     * (q[j + 4] >> 4) | (q[j] >> 6) << 4.
     */
    private void unpackScales(byte[] src, int o, byte[] dst, int d) {
        System.arraycopy(src, o, dst, d, 4);
        int q = o + 4;
        for (int j = 0; j < 8; j++) {
            int sc;
            int m;
            if (j < 4) {
                sc = src[q + j] & 63;
                m = src[q + j + 4] & 63;
            } else {
                sc = (src[q + j + 4] & 0xF) | ((src[q + j - 4] & 0xFF) >> 6) << 4;
                m = ((src[q + j + 4] & 0xFF) >> 4) | ((src[q + j] & 0xFF) >> 6) << 4;
            }
            dst[d + 4 + j] = (byte) sc;
            dst[d + 12 + j] = (byte) m;
        }
        int rest = 4 + PackedLayout.K_SCALES;
        System.arraycopy(src, o + rest, dst, d + 4 + PackedLayout.K_SCALES_UNPACKED, blockBytes - rest);
    }

    private void pad(byte[] src, int o) {
        System.arraycopy(src, o, out, outFill, padAt);
        out[outFill + padAt] = 0;
        out[outFill + padAt + 1] = 0;
        System.arraycopy(src, o + padAt, out, outFill + padAt + 2, blockBytes - padAt);
    }

    private void drain() {
        if (outFill > 0) {
            sink.write(outStart, out, outFill);
            outStart += outFill;
            outFill = 0;
        }
    }
}
