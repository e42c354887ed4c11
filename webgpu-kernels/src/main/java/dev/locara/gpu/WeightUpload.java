package dev.locara.gpu;

import dev.locara.gguf.GgufTensorInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUQueue;

/**
 * Routes a model file's bytes, streamed in whatever chunks the network or storage delivers, into
 * the GPU buffers of its tensors. Bytes gather in one bounded staging window (never the whole file
 * or a whole tensor) that is flushed with queue.writeBuffer, which copies at call time so the window
 * is reused at once. Windows start at multiples of 4 in the file and tensors start 32-byte aligned,
 * so every write has the 4-byte alignment writeBuffer requires.
 */
public final class WeightUpload {
    private static final int WINDOW = 4 << 20;

    private record Target(GgufTensorInfo tensor, GPUBuffer buffer) {
    }

    private final GPUQueue queue;
    private final List<Target> targets = new ArrayList<>();
    private final Int8Array staging = new Int8Array(WINDOW);
    private long windowStart = -1;
    private int fill;
    private long uploaded;

    WeightUpload(GPUQueue queue) {
        this.queue = queue;
    }

    void add(GgufTensorInfo tensor, GPUBuffer buffer) {
        targets.add(new Target(tensor, buffer));
        targets.sort(Comparator.comparingLong(t -> t.tensor.offset()));
    }

    /** First byte of the file that holds tensor data. */
    public long start() {
        return targets.get(0).tensor.offset();
    }

    /** One past the last byte of tensor data. */
    public long end() {
        long end = 0;
        for (Target t : targets) {
            end = Math.max(end, t.tensor.offset() + t.tensor.bytes());
        }
        return end;
    }

    public long uploadedBytes() {
        return uploaded;
    }

    /** Takes the next chunk of the file, which starts at file offset {@code offset}. */
    public void accept(long offset, Int8Array chunk) {
        if (windowStart < 0) {
            windowStart = offset;
            if (offset % 4 != 0) {
                throw new IllegalArgumentException("Weight streaming must start 4-byte aligned, got offset " + offset + ".");
            }
        }
        if (offset != windowStart + fill) {
            throw new IllegalStateException("Chunks arrived out of order: expected byte " + (windowStart + fill) + ", got " + offset + ".");
        }
        int length = chunk.getLength();
        int used = 0;
        while (used < length) {
            int n = Math.min(length - used, WINDOW - fill);
            staging.set(new Int8Array(chunk.getBuffer(), chunk.getByteOffset() + used, n), fill);
            fill += n;
            used += n;
            if (fill == WINDOW) {
                flush();
            }
        }
    }

    /** Writes what is still staged; call once after the last chunk. */
    public void finish() {
        flush();
    }

    private void flush() {
        long windowEnd = windowStart + fill;
        for (Target t : targets) {
            long a = Math.max(windowStart, t.tensor.offset());
            long b = Math.min(windowEnd, t.tensor.offset() + t.tensor.bytes());
            if (a >= b) {
                continue;
            }
            int size = (int) ((b - a + 3) / 4 * 4); // within the window: it starts and has room at multiples of 4
            queue.writeBuffer(t.buffer, a - t.tensor.offset(), staging.getBuffer(), a - windowStart, size);
            uploaded += b - a;
        }
        windowStart = windowEnd;
        fill = 0;
    }
}
