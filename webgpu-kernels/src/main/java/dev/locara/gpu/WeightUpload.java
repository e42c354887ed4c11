package dev.locara.gpu;

import dev.locara.gguf.GgufTensorInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.webgpu.GPUQueue;

/**
 * Routes a model file's bytes, streamed in whatever chunks the network or storage delivers, into
 * the GPU buffers of its tensors. Bytes gather in one bounded staging window (never the whole file
 * or a whole tensor) that is flushed with queue.writeBuffer, which copies at call time so the window
 * is reused at once. Windows start at multiples of 4 in the file and tensors start 32-byte aligned,
 * so every direct write has the 4-byte alignment writeBuffer requires. Types whose blocks are not
 * whole words pass through their tensor's {@link BlockRepacker} on the way (one partial block and
 * one bounded run held per tensor).
 */
public final class WeightUpload {
    private static final int WINDOW = 4 << 20;
    private static final int REPACK_RUN = 256 << 10;

    private static final class Target {
        final GgufTensorInfo tensor;
        final GpuTensor gpu;
        final BlockRepacker repacker;

        Target(GgufTensorInfo tensor, GpuTensor gpu, GPUQueue queue) {
            this.tensor = tensor;
            this.gpu = gpu;
            this.repacker = !gpu.layout.repacked() ? null : new BlockRepacker(gpu.layout, (offset, data, length) -> {
                Int8Array packed = Int8Array.copyFromJavaArray(data);
                gpu.write(queue, offset, packed.getBuffer(), 0, length);
            }, REPACK_RUN);
        }
    }

    private final GPUQueue queue;
    private final List<Target> targets = new ArrayList<>();
    private final Int8Array staging = new Int8Array(WINDOW);
    private long windowStart = -1;
    private int fill;
    private long uploaded;

    public WeightUpload(GPUQueue queue) {
        this.queue = queue;
    }

    /** Registers a tensor of the file to be streamed into {@code gpu}. */
    public void add(GgufTensorInfo tensor, GpuTensor gpu) {
        if (tensor.elements() != (long) gpu.rows * gpu.cols || tensor.type() != gpu.layout.type()) {
            throw new IllegalArgumentException("Tensor '" + tensor.name() + "' does not match its GPU buffer.");
        }
        for (Target t : targets) {
            if (t.tensor.offset() == tensor.offset()) {
                return; // the same bytes already go there (a tied embedding)
            }
        }
        targets.add(new Target(tensor, gpu, queue));
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
        for (Target t : targets) {
            if (t.repacker != null) {
                t.repacker.finish();
            }
        }
    }

    private void flush() {
        long windowEnd = windowStart + fill;
        for (Target t : targets) {
            long a = Math.max(windowStart, t.tensor.offset());
            long b = Math.min(windowEnd, t.tensor.offset() + t.tensor.bytes());
            if (a >= b) {
                continue;
            }
            if (t.repacker == null) {
                t.gpu.write(queue, a - t.tensor.offset(), staging.getBuffer(), (int) (a - windowStart), (int) (b - a));
            } else {
                byte[] bytes = new Int8Array(staging.getBuffer(), (int) (a - windowStart), (int) (b - a)).copyToJavaArray();
                t.repacker.accept(bytes, 0, bytes.length);
            }
            uploaded += b - a;
        }
        windowStart = windowEnd;
        fill = 0;
    }
}
