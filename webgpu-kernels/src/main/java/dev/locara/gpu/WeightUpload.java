package dev.locara.gpu;

import dev.locara.gguf.GgufTensorInfo;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;
import org.teavm.jso.webgpu.GPUPipeline;
import org.teavm.jso.webgpu.GPUQueue;

/**
 * Routes a model file's bytes, streamed in whatever chunks the network or storage delivers, into
 * the GPU buffers of its tensors. Bytes gather in one bounded staging window (never the whole file
 * or a whole tensor) that is flushed with queue.writeBuffer, which copies at call time so the window
 * is reused at once. Windows start at multiples of 4 in the file and tensors start 32-byte aligned,
 * so every direct write has the 4-byte alignment writeBuffer requires.
 *
 * <p>Types whose blocks change on the way ({@link PackedLayout#repacked()}) are repacked on the
 * GPU (repack.wgsl): a tensor's whole blocks in the window go to one staging GPU buffer, and one
 * dispatch per split writes them packed into the tensor; the few bytes of a block cut by the
 * window's end wait for the next window. The CPU never touches the bytes one by one. On an
 * adapter that emulates a GPU on the CPU (SwiftShader) the kernel is CPU work too, and slower than
 * {@link BlockRepacker} in WebAssembly, so there the blocks are repacked by BlockRepacker as they
 * pass, in bounded runs.
 *
 * <p>The window and the repacked runs are direct buffers, which TeaVM's WebAssembly keeps in its
 * linear memory: a chunk is copied into the window by JavaScript through a view of that memory,
 * BlockRepacker reads it there, and writeBuffer reads the packed run there. Views are made afresh
 * for each use, since growing the linear memory (any direct allocation) detaches older ones.
 */
public final class WeightUpload {
    private static final int DEFAULT_WINDOW = 4 << 20;
    /** Largest file block of a repacked type (Q6_K): the carry of a block cut by a window's end. */
    private static final int MAX_BLOCK = 256;
    private static final int REPACK_WG = 64;
    /** A run of blocks: how many, where in the tensor (words), the dispatch's width, the first block in the staging buffer. */
    static final UniformLayout REPACK_PARAMS = UniformLayout.struct("Params", "blocks: u32", "dst_word: u32", "groups_x: u32",
            "src_block: u32");
    static final KernelFile REPACK = new KernelFile("repack.wgsl", REPACK_PARAMS);
    private static final int CPU_REPACK_RUN = 256 << 10;

    private static final class Target {
        final GgufTensorInfo tensor;
        final GpuTensor gpu;
        final boolean repacked;
        /** Repacked types on the GPU: bytes of a block the last window cut, and blocks written so far. */
        final Int8Array carry;
        int carryFill;
        long blocksDone;
        /** Repacked types on the CPU (emulated adapters); finished when the tensor's last byte passed. */
        final BlockRepacker cpu;
        boolean cpuFinished;

        Target(GgufTensorInfo tensor, GpuTensor gpu, GPUQueue queue, boolean onGpu, ByteBuffer run) {
            this.tensor = tensor;
            this.gpu = gpu;
            this.repacked = gpu.layout.repacked();
            this.carry = repacked && onGpu ? new Int8Array(MAX_BLOCK) : null;
            this.cpu = !repacked || onGpu ? null : new BlockRepacker(gpu.layout, (offset, data, length) -> {
                Int8Array packed = Int8Array.fromJavaBuffer(data);
                gpu.write(queue, offset, packed.getBuffer(), packed.getByteOffset(), length);
            }, run);
        }
    }

    private final WebGpu gpu;
    private final GPUQueue queue;
    private final List<Target> targets = new ArrayList<>();
    // For repacked types, made on first use: the window's blocks of one tensor, in a JS array and
    // on the GPU (with a spare word at the end for repack.wgsl's reads across a word).
    private Int8Array assembly;
    private GPUBuffer repackSource;
    private final int window;
    /** The window, in linear memory (see the class comment). */
    private final ByteBuffer staging;
    /** Repacked runs on the CPU, shared: tensors come one after another and each drains at its end. */
    private ByteBuffer cpuRun;
    private final boolean repackOnGpu;
    private long windowStart = -1;
    private int fill;
    private long uploaded;

    public WeightUpload(WebGpu gpu) {
        this(gpu, DEFAULT_WINDOW, repacksOnGpu(gpu));
    }

    /** Whether blocks are repacked by repack.wgsl on this adapter (see the class comment), not on the CPU. */
    static boolean repacksOnGpu(WebGpu gpu) {
        return !gpu.cpuShapes();
    }

    /**
     * With a staging window of {@code windowBytes} (a multiple of 4) and the repacking done on the
     * GPU or not: the checks choose both, so that windows cut blocks and each path runs everywhere.
     */
    public WeightUpload(WebGpu gpu, int windowBytes, boolean repackOnGpu) {
        if (windowBytes < 4 || windowBytes % 4 != 0) {
            throw new IllegalArgumentException("The staging window must be a positive multiple of 4 bytes, got " + windowBytes + ".");
        }
        this.gpu = gpu;
        this.queue = gpu.queue();
        this.window = windowBytes;
        this.staging = ByteBuffer.allocateDirect(windowBytes);
        this.repackOnGpu = repackOnGpu;
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
        if (gpu.layout.repacked() && !repackOnGpu && cpuRun == null) {
            cpuRun = ByteBuffer.allocateDirect(CPU_REPACK_RUN);
        }
        targets.add(new Target(tensor, gpu, queue, repackOnGpu, cpuRun));
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

    /** How many tensors the file's bytes fill (a tied embedding counts once). */
    public int tensorCount() {
        return targets.size();
    }

    /** How many tensors are written whole: those ending before the next window to flush. */
    public int tensorsDone() {
        int done = 0;
        for (Target t : targets) {
            done += windowStart >= t.tensor.offset() + t.tensor.bytes() ? 1 : 0;
        }
        return done;
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
            int n = Math.min(length - used, window - fill);
            stagingView().set(new Int8Array(chunk.getBuffer(), chunk.getByteOffset() + used, n), fill);
            fill += n;
            used += n;
            if (fill == window) {
                flush();
            }
        }
    }

    /** Writes what is still staged; call once after the last chunk. */
    public void finish() {
        flush();
        for (Target t : targets) {
            if (t.cpu != null && !t.cpuFinished) {
                t.cpu.finish();
            } else if (t.repacked && t.carryFill != 0) {
                throw new IllegalStateException("Tensor '" + t.tensor.name() + "' ended inside a block (" + t.carryFill
                        + " of " + t.tensor.type().typeSize + " bytes).");
            }
        }
        if (repackSource != null) {
            gpu.buffers().release(repackSource); // destroyed once the queued repacks that read it have run
            repackSource = null;
        }
    }

    /** A view of the window; made afresh, as the class comment says why. */
    private Int8Array stagingView() {
        return Int8Array.fromJavaBuffer(staging);
    }

    private void flush() {
        long windowEnd = windowStart + fill;
        Int8Array view = stagingView();
        for (Target t : targets) {
            long a = Math.max(windowStart, t.tensor.offset());
            long b = Math.min(windowEnd, t.tensor.offset() + t.tensor.bytes());
            if (a >= b) {
                continue;
            }
            if (!t.repacked) {
                t.gpu.write(queue, a - t.tensor.offset(), view.getBuffer(), view.getByteOffset() + (int) (a - windowStart), (int) (b - a));
            } else if (t.cpu != null) {
                t.cpu.accept(staging, (int) (a - windowStart), (int) (b - a));
                if (b == t.tensor.offset() + t.tensor.bytes()) {
                    t.cpu.finish(); // drains the shared run before the next tensor fills it
                    t.cpuFinished = true;
                }
            } else {
                repack(t, view, (int) (a - windowStart), (int) (b - a));
            }
            uploaded += b - a;
        }
        windowStart = windowEnd;
        fill = 0;
    }

    /**
     * Sends the whole blocks of {@code t} now complete (the carry from the last window, then
     * {@code length} bytes of the window at {@code from}) through repack.wgsl into the tensor, and
     * keeps the bytes of a block the window cut.
     */
    private void repack(Target t, Int8Array view, int from, int length) {
        int blockBytes = t.tensor.type().typeSize;
        int total = t.carryFill + length;
        int blocks = total / blockBytes;
        if (blocks == 0) {
            t.carry.set(new Int8Array(view.getBuffer(), view.getByteOffset() + from, length), t.carryFill);
            t.carryFill = total;
            return;
        }
        if (assembly == null) {
            assembly = new Int8Array(window + MAX_BLOCK + 4);
            repackSource = gpu.buffers().storage(window + MAX_BLOCK + 4, "weights to repack");
        }
        int used = blocks * blockBytes - t.carryFill; // bytes of the window in those blocks
        assembly.set(new Int8Array(t.carry.getBuffer(), 0, t.carryFill), 0);
        assembly.set(new Int8Array(view.getBuffer(), view.getByteOffset() + from, used), t.carryFill);
        queue.writeBuffer(repackSource, 0, assembly.getBuffer(), 0, (blocks * blockBytes + 3) / 4 * 4);
        dispatchRepack(t, blocks);
        t.carryFill = length - used;
        t.carry.set(new Int8Array(view.getBuffer(), view.getByteOffset() + from + used, t.carryFill), 0);
        t.blocksDone += blocks;
    }

    /** One dispatch per split the blocks [blocksDone, blocksDone + blocks) of {@code t} fall in. */
    private void dispatchRepack(Target t, int blocks) {
        PackedLayout layout = t.gpu.layout;
        GPUPipeline.Compute pipeline = gpu.pipelines().get(repackSpec(layout));
        long perRow = t.gpu.cols / layout.type().blockSize;
        int packedWords = layout.packedBlockBytes() / 4;
        long first = t.blocksDone;
        long end = first + blocks;
        GPUCommandEncoder encoder = gpu.device().createCommandEncoder();
        GPUComputePassEncoder pass = encoder.beginComputePass();
        List<GPUBuffer> uniforms = new ArrayList<>();
        for (GpuTensor.Split s : t.gpu.splits) {
            long a = Math.max(first, s.firstRow() * perRow);
            long b = Math.min(end, (s.firstRow() + (long) s.rows()) * perRow);
            if (a >= b) {
                continue;
            }
            int n = (int) (b - a);
            int groups = (n + REPACK_WG - 1) / REPACK_WG;
            int groupsX = Math.min(groups, 65535);
            GPUBuffer params = REPACK_PARAMS.values().u32("blocks", n)
                    .u32("dst_word", s.wordOffset() + (int) ((a - s.firstRow() * perRow) * packedWords)).u32("groups_x", groupsX)
                    .u32("src_block", (int) (a - first)).write(gpu.buffers(), "repack params");
            uniforms.add(params);
            pass.setPipeline(pipeline);
            pass.setBindGroup(0, gpu.bindGroup(pipeline, "repack", params, repackSource, s.buffer()));
            pass.dispatchWorkgroups(groupsX, (groups + groupsX - 1) / groupsX);
        }
        pass.end();
        JSArray<GPUCommandEncoder.CommandBuffer> commands = JSArray.create();
        commands.push(encoder.finish());
        queue.submit(commands);
        for (GPUBuffer u : uniforms) {
            gpu.buffers().release(u);
        }
    }

    /** repack.wgsl for blocks of {@code layout}, for {@link PipelineCache#startCompiling}. */
    static PipelineSpec repackSpec(PackedLayout layout) {
        return new PipelineSpec(REPACK.name(), Set.of(layout.define()), Map.of("WG", REPACK_WG));
    }
}
