package dev.locara.gpu;

/**
 * Pads the blocks of one tensor as they stream past ({@link PackedLayout}): takes the tensor's file
 * bytes in order, in chunks of any size (a block may straddle two chunks), and hands out packed
 * bytes in bounded runs. Memory is one partial block and one output run, never the tensor.
 */
final class BlockRepacker {
    /** Receives packed bytes for offsets {@code [offset, offset + length)} of the packed tensor. */
    interface Sink {
        void write(long offset, byte[] data, int length);
    }

    private final int blockBytes;
    private final int packedBytes;
    private final int padAt;
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
        this.sink = sink;
        this.partial = new byte[blockBytes];
        this.out = new byte[Math.max(1, runBytes / packedBytes) * packedBytes];
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
        System.arraycopy(src, o, out, outFill, padAt);
        out[outFill + padAt] = 0;
        out[outFill + padAt + 1] = 0;
        System.arraycopy(src, o + padAt, out, outFill + padAt + 2, blockBytes - padAt);
        outFill += packedBytes;
        if (outFill == out.length) {
            drain();
        }
    }

    private void drain() {
        if (outFill > 0) {
            sink.write(outStart, out, outFill);
            outStart += outFill;
            outFill = 0;
        }
    }
}
