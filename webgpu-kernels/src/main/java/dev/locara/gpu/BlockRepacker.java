package dev.locara.gpu;

import java.nio.ByteBuffer;

/**
 * {@link PackedLayout}'s repacking (padding, or K-quant scales unpacked to bytes) on the CPU: what
 * {@link WeightUpload} uses on CPU-emulated adapters, and the definition the checks compare
 * repack.wgsl with. Takes the tensor's file bytes in order, in chunks of any size (a block may
 * straddle two chunks), and hands out packed bytes in bounded runs. Memory is one partial block
 * and the caller's run buffer, never the tensor.
 *
 * <p>Bytes come and go as {@link ByteBuffer}s so that in the browser both sides can be direct
 * buffers, which TeaVM's WebAssembly keeps in linear memory: JavaScript then fills the input and
 * queue.writeBuffer reads the output through views of that memory, and no byte crosses between
 * JavaScript and WebAssembly one at a time (copies through Java arrays were 60% of the weight
 * stream's own work on SwiftShader).
 */
public final class BlockRepacker {
    /** Receives packed bytes for offsets {@code [offset, offset + length)} of the packed tensor: bytes {@code [0, length)} of {@code data}. */
    interface Sink {
        void write(long offset, ByteBuffer data, int length);
    }

    private final int blockBytes;
    private final int packedBytes;
    private final int padAt;
    private final boolean unpackScales;
    private final Sink sink;
    private final ByteBuffer partial;
    private int partialFill;
    private final ByteBuffer out;
    private final int outCapacity;
    private int outFill;
    private long outStart;

    /**
     * @param run where packed bytes gather before {@code sink} takes them: at least one packed
     *     block; it may be shared by repackers that never run at the same time
     */
    BlockRepacker(PackedLayout layout, Sink sink, ByteBuffer run) {
        this.blockBytes = layout.type().typeSize;
        this.packedBytes = layout.packedBlockBytes();
        this.padAt = layout.padAt();
        this.unpackScales = layout.unpackedScales();
        this.sink = sink;
        this.partial = ByteBuffer.allocate(blockBytes);
        this.out = run;
        this.outCapacity = run.capacity() / packedBytes * packedBytes;
        if (outCapacity == 0) {
            throw new IllegalArgumentException("A run of " + run.capacity() + " bytes holds no " + layout.type() + " block.");
        }
    }

    /** A whole tensor's file bytes, packed. */
    public static byte[] pack(PackedLayout layout, byte[] file) {
        byte[] out = new byte[(int) ((long) file.length / layout.type().typeSize * layout.packedBlockBytes())];
        BlockRepacker r = new BlockRepacker(layout, (offset, data, length) -> data.get(0, out, (int) offset, length),
                ByteBuffer.allocate(1 << 16));
        r.accept(ByteBuffer.wrap(file), 0, file.length);
        r.finish();
        return out;
    }

    void accept(ByteBuffer src, int offset, int length) {
        int end = offset + length;
        while (offset < end) {
            if (partialFill > 0 || end - offset < blockBytes) {
                int n = Math.min(blockBytes - partialFill, end - offset);
                partial.put(partialFill, src, offset, n);
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

    private void pack(ByteBuffer src, int o) {
        if (unpackScales) {
            unpackScales(src, o);
        } else {
            pad(src, o);
        }
        outFill += packedBytes;
        if (outFill == outCapacity) {
            drain();
        }
    }

    /**
     * A Q4_K or Q5_K block with its 12 bytes of scales (after d and dmin) rewritten as sc[8] then
     * m[8], one byte each: ggml's get_scale_min_k4, for sub-block j, gives scale q[j] & 63 and min
     * q[j + 4] & 63 for j < 4, and for j >= 4 scale (q[j + 4] & 15) | (q[j - 4] >> 6) << 4 and min
     * (q[j + 4] >> 4) | (q[j] >> 6) << 4.
     */
    private void unpackScales(ByteBuffer src, int o) {
        int d = outFill;
        out.put(d, src, o, 4);
        int q = o + 4;
        for (int j = 0; j < 8; j++) {
            int sc;
            int m;
            if (j < 4) {
                sc = src.get(q + j) & 63;
                m = src.get(q + j + 4) & 63;
            } else {
                sc = (src.get(q + j + 4) & 0xF) | ((src.get(q + j - 4) & 0xFF) >> 6) << 4;
                m = ((src.get(q + j + 4) & 0xFF) >> 4) | ((src.get(q + j) & 0xFF) >> 6) << 4;
            }
            out.put(d + 4 + j, (byte) sc);
            out.put(d + 12 + j, (byte) m);
        }
        int rest = 4 + PackedLayout.K_SCALES;
        out.put(d + 4 + PackedLayout.K_SCALES_UNPACKED, src, o + rest, blockBytes - rest);
    }

    private void pad(ByteBuffer src, int o) {
        out.put(outFill, src, o, padAt);
        out.put(outFill + padAt, (byte) 0);
        out.put(outFill + padAt + 1, (byte) 0);
        out.put(outFill + padAt + 2, src, o + padAt, blockBytes - padAt);
    }

    private void drain() {
        if (outFill > 0) {
            sink.write(outStart, out, outFill);
            outStart += outFill;
            outFill = 0;
        }
    }
}
