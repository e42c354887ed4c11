package dev.locara.gpu;

import dev.locara.js.Async;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUDescriptor;
import org.teavm.jso.webgpu.GPUDevice;
import org.teavm.jso.webgpu.GPUQueue;

/**
 * The buffers the engine holds on one device, and the memory budget a model is checked against
 * before it allocates any. Every buffer made here is tracked, so that a model's can all be freed at
 * once ({@link #releaseAll}) while the device and its compiled pipelines stay.
 */
public final class BufferPool {
    private final GPUDevice device;
    private final GPUQueue queue;
    /** The device's largest storage binding: no storage buffer may be larger. */
    private final long maxBinding;
    /**
     * Every buffer created here and not yet released: a JavaScript Set, so that a buffer is found by
     * identity whatever wrapper Java holds for it.
     */
    private final JSObject live = newSet();
    private long allocatedBytes;
    private long memoryBudget;

    BufferPool(GPUDevice device, long maxBinding, long maxBuffer) {
        this.device = device;
        this.queue = device.getQueue();
        this.maxBinding = maxBinding;
        this.memoryBudget = defaultMemoryBudget(maxBuffer);
    }

    /**
     * Bytes of GPU memory a model may take. WebGPU does not tell how much memory a device has, so this
     * is an estimate: half the memory the browser reports (navigator.deviceMemory, which browsers round
     * and cap at 8 GiB), or 2 GiB when it reports none; never more than 16 buffers of the largest size.
     */
    public long memoryBudget() {
        return memoryBudget;
    }

    /** Replaces the estimated budget (a user setting, or a test). */
    public void setMemoryBudget(long bytes) {
        memoryBudget = bytes;
    }

    private static long defaultMemoryBudget(long maxBuffer) {
        return budgetFor(deviceMemoryGib(), maxBuffer);
    }

    /**
     * The budget {@link #memoryBudget} estimates from navigator.deviceMemory ({@code gib}, 0 when the
     * browser reports none) and the adapter's maxBufferSize; the model manager states fits with it.
     */
    public static long budgetFor(double gib, long maxBuffer) {
        long budget = gib > 0 ? (long) (gib * (1L << 30) / 2) : 2L << 30;
        return Math.min(budget, 16L * maxBuffer);
    }

    /**
     * Bytes of the buffers created here and not {@link #release released} (a model's buffers live as
     * long as the device), so the benchmark can report the engine's GPU memory, which WebGPU does not tell.
     */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** A storage buffer of {@code bytes} bytes (rounded up to 4), readable and writable by copies too. */
    public GPUBuffer storage(long bytes, String label) {
        if (bytes > maxBinding) {
            throw new IllegalArgumentException(label + " needs " + bytes + " bytes in one binding but this device allows "
                    + maxBinding + ".");
        }
        return create(label, Math.max(4, (bytes + 3) / 4 * 4),
                GPUBuffer.Usage.STORAGE | GPUBuffer.Usage.COPY_DST | GPUBuffer.Usage.COPY_SRC);
    }

    /**
     * A storage buffer as {@link #storage}, or null when the device is out of memory for it. The
     * error is caught in an error scope, so it does not become the device's {@link WebGpu#throwIfFailed
     * first error}: a loaded model keeps working after a temporary buffer did not fit beside it.
     */
    public GPUBuffer storageIfRoom(long bytes, String label) {
        device.pushErrorScope("out-of-memory");
        GPUBuffer buffer = storage(bytes, label);
        if (Async.await(device.popErrorScope()) == null) {
            return buffer;
        }
        release(buffer);
        return null;
    }

    /** A buffer the CPU maps to read results back. */
    public GPUBuffer readback(long bytes, String label) {
        return create(label, bytes, GPUBuffer.Usage.MAP_READ | GPUBuffer.Usage.COPY_DST);
    }

    /**
     * A uniform buffer holding {@code words} 32-bit values, padded to 16 bytes: what a
     * {@link UniformLayout} writes.
     */
    GPUBuffer uniform(String label, int[] words) {
        int padded = (words.length + 3) / 4 * 4;
        GPUBuffer buffer = create(label, padded * 4L, GPUBuffer.Usage.UNIFORM | GPUBuffer.Usage.COPY_DST);
        Int32Array data = new Int32Array(padded);
        for (int i = 0; i < words.length; i++) {
            data.set(i, words[i]);
        }
        queue.writeBuffer(buffer, 0, data);
        return buffer;
    }

    private GPUBuffer create(String label, long size, int usage) {
        GPUDescriptor.Buffer d = GPUDescriptor.create();
        d.setLabel(label);
        d.setSize(size);
        d.setUsage(usage);
        GPUBuffer buffer = device.createBuffer(d);
        allocatedBytes += size;
        add(live, buffer);
        return buffer;
    }

    /**
     * Frees one buffer now rather than with the model: for temporary buffers (the device probes',
     * the weight stream's staging), which must not stay allocated beside a loaded model.
     */
    public void release(GPUBuffer buffer) {
        allocatedBytes -= (long) buffer.getSize();
        remove(live, buffer);
        buffer.destroy();
    }

    /**
     * Frees every buffer created here (a model's weights, caches, uniforms and scratch), keeping the
     * device and its compiled pipelines: how the engine frees one model before loading another, or
     * the same one with another context, without compiling its kernels again.
     */
    public void releaseAll() {
        destroyAll(live);
        allocatedBytes = 0;
    }

    @JSBody(script = "return new Set();")
    private static native JSObject newSet();

    @JSBody(params = {"set", "buffer"}, script = "set.add(buffer);")
    private static native void add(JSObject set, GPUBuffer buffer);

    @JSBody(params = {"set", "buffer"}, script = "set.delete(buffer);")
    private static native void remove(JSObject set, GPUBuffer buffer);

    @JSBody(params = "set", script = "set.forEach(function (b) { b.destroy(); }); set.clear();")
    private static native void destroyAll(JSObject set);

    @JSBody(script = "return typeof navigator !== 'undefined' && navigator.deviceMemory ? navigator.deviceMemory : 0;")
    private static native double deviceMemoryGib();
}
