package dev.locara.gpu;

import dev.locara.model.LayerStep.Activation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * matvec.wgsl: one token's y = W x for weights of any packed type, ROWS rows per invocation and
 * SPLIT invocations per group of rows, both explained in the kernel's header; one projection
 * ({@link #bind}), or q, k and v ({@link #bindQkv}), or gate, up and the activation
 * ({@link #bindGlu}) in one dispatch where their rows share a binding.
 */
public final class MatVecKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "rows: u32", "cols: u32", "row_words: u32",
            "first_row: u32", "accumulate: u32", "pos_stride: u32", "w_offset: u32", "softcap: f32", "up_words: u32",
            "gelu: u32", "seg1: u32", "seg2: u32", "stride1: u32", "stride2: u32", "glu: u32", "norm: u32", "eps: f32",
            "bias: u32");
    static final KernelFile SOURCE = new KernelFile("matvec.wgsl", PARAMS, UniformLayout.TOKEN);
    /** Rows per invocation: ROWS in matvec.wgsl. */
    static final int ROWS = 8;
    /** Output rows per invocation with glu: GLU_ROWS in matvec.wgsl. */
    static final int GLU_ROWS = 4;
    /**
     * Storage buffers a matvec pipeline binds at most with the norm fused: the weights, x, the three
     * segments' outputs, their three biases and the norm's weights, one more than WebGPU's default 8.
     */
    static final int STORAGE_BUFFERS_WITH_NORM = 9;
    /** Invocations per workgroup on CPU-emulated adapters: one SIMD group of SwiftShader's. */
    static final int CPU_WORKGROUP = 4;

    private final WebGpu gpu;
    private final String file;
    private final int workgroup;
    private final int split;
    private final int rowsPer;
    private final boolean trial;
    private final boolean fusesNorm;
    // Stand-ins for the second and third segments' outputs where a dispatch has none: two 4-byte
    // buffers, never written, since one buffer may not be bound writable twice; and one read-only
    // buffer, never read, for the biases where a dispatch adds none and the norm weights where it
    // normalizes nothing (16 bytes: one vec4 of norm_w).
    private GPUBuffer unused1;
    private GPUBuffer unused2;
    private GPUBuffer unread;

    /**
     * The shape for this adapter. SwiftShader runs an invocation's rows as CPU code, four invocations
     * per SIMD group, one workgroup per thread: every invocation owns its rows (no barrier), and
     * workgroups of one SIMD group spread even a 64-row matrix over the cores. A GPU wants
     * neighbouring invocations to read neighbouring blocks of the same rows, and full workgroups.
     */
    public MatVecKernel(WebGpu gpu) {
        this(gpu, gpu.cpuShapes() ? CPU_WORKGROUP : 64, gpu.cpuShapes() ? 1 : 16);
    }

    private MatVecKernel(WebGpu gpu, int workgroup, int split) {
        this(gpu, SOURCE.name(), workgroup, split, ROWS, false);
    }

    private MatVecKernel(WebGpu gpu, String file, int workgroup, int split, int rowsPer, boolean trial) {
        this.gpu = gpu;
        this.file = file;
        this.workgroup = workgroup;
        this.split = split;
        this.rowsPer = rowsPer;
        this.trial = trial;
        this.fusesNorm = !trial && split > 1 && gpu.storageBuffersPerStage() >= STORAGE_BUFFERS_WITH_NORM;
    }

    /** The cooperative shape real GPUs get, on any adapter: the checks run it on SwiftShader too. */
    public static MatVecKernel cooperative(WebGpu gpu) {
        return new MatVecKernel(gpu, 64, 16);
    }

    /**
     * A kernel file under trial in place of matvec.wgsl (the benchmark's --kernels variants), bound
     * as {@link #bind} binds matvec.wgsl, with its own workgroup size, SPLIT and rows per group of
     * SPLIT invocations, and no defines but the weight type's.
     */
    public static MatVecKernel trial(WebGpu gpu, String file, int workgroup, int split, int rowsPer) {
        return new MatVecKernel(gpu, file, workgroup, split, rowsPer, true);
    }

    /**
     * Whether this shape takes an RMSNorm of its input ({@link Projection#normalized}) in the same
     * dispatch: the GPU shape does where the device binds {@link #STORAGE_BUFFERS_WITH_NORM} storage
     * buffers per kernel; on CPU-emulated adapters the fusion is slower than the norm's own dispatch
     * (matvec.wgsl's header).
     */
    public boolean fusesNorm() {
        return fusesNorm;
    }

    /**
     * The pipeline for weights of {@code layout} in this kernel's shape, for {@link PipelineCache#startCompiling}:
     * the same one serves {@link #bind}, {@link #bindQkv} and {@link #bindGlu}, with biases or without.
     */
    PipelineSpec spec(PackedLayout layout) {
        Set<String> defines = new HashSet<>(Set.of(layout.define()));
        if (split > 1 && !trial) {
            defines.add("COOPERATIVE");
        }
        if (fusesNorm()) {
            defines.add("NORM");
        }
        return new PipelineSpec(file, defines, Map.of("WG", workgroup, "SPLIT", split));
    }

    /** Whether a stacked matrix can run as one {@link #bindQkv} or {@link #bindGlu} dispatch: all its rows in one binding. */
    static boolean oneBinding(GpuTensor stacked) {
        return stacked.splits.size() == 1;
    }

    /** {@code p} for the token of {@code token}: one dispatch per split of W. */
    public List<Dispatch> bind(Projection p, GPUBuffer token) {
        List<Dispatch> dispatches = new ArrayList<>();
        for (GpuTensor.Split s : p.w().splits) {
            // One segment: seg1 = seg2 = rows.
            UniformLayout.Values u = fields(p, s, s.rows()).u32("first_row", s.firstRow()).u32("seg1", s.rows())
                    .u32("seg2", s.rows()).u32("stride1", 0).u32("stride2", 0);
            dispatches.add(dispatch(p, s, s.rows(), rowsPer, null, null, token, biases(p.bias(), p.bias(), p.bias()), noGlu(u)));
        }
        return dispatches;
    }

    /**
     * q, k and v (or q and k, with {@code v} null) in one dispatch: their weights are consecutive row
     * views of one binding ({@link GpuTensor#rows}), read from the same input; q's rows go to q.y,
     * k's and v's to theirs, each with its own bias and token row.
     */
    public Dispatch bindQkv(Projection q, Projection k, Projection v, GPUBuffer token) {
        List<Projection> parts = v == null ? List.of(q, k) : List.of(q, k, v);
        GpuTensor.Split s = stacked(parts);
        int rows = q.w().rows + k.w().rows + (v == null ? 0 : v.w().rows);
        UniformLayout.Values u = fields(q, s, rows).u32("first_row", 0).u32("seg1", q.w().rows)
                .u32("seg2", q.w().rows + k.w().rows).u32("stride1", k.posStride()).u32("stride2", v == null ? 0 : v.posStride());
        return dispatch(q, s, rows, ROWS, k.y(), v == null ? null : v.y(), token,
                biases(q.bias(), k.bias(), v == null ? null : v.bias()), noGlu(u));
    }

    /**
     * y = act(gate x) * (up x) in one dispatch, into gate's y: gate's and up's weights are
     * consecutive row views of one binding, up's rows right after gate's.
     */
    public Dispatch bindGlu(Projection gate, Projection up, Activation activation, GPUBuffer token) {
        GpuTensor.Split s = stacked(List.of(gate, up));
        int hidden = gate.w().rows;
        UniformLayout.Values u = fields(gate, s, hidden).u32("first_row", 0).u32("seg1", hidden).u32("seg2", hidden)
                .u32("stride1", 0).u32("stride2", 0).u32("up_words", hidden * (int) (gate.w().rowBytes / 4))
                .flag("gelu", activation == Activation.GELU).flag("glu", true);
        return dispatch(gate, s, hidden, GLU_ROWS, null, null, token, null, u);
    }

    /** The split that holds all of {@code parts}, each a row view right after the one before, with one input and norm. */
    private static GpuTensor.Split stacked(List<Projection> parts) {
        Projection first = parts.get(0);
        GpuTensor.Split s = first.w().splits.get(0);
        int words = s.wordOffset();
        for (Projection p : parts) {
            GpuTensor.Split ps = p.w().splits.get(0);
            if (!oneBinding(p.w()) || ps.buffer() != s.buffer() || ps.wordOffset() != words || p.x() != first.x()
                    || !Objects.equals(p.norm(), first.norm()) || !p.w().layout.equals(first.w().layout)) {
                throw new IllegalArgumentException("A fused projection needs its parts' rows one after another in one binding,"
                        + " read from one input.");
            }
            words += (int) (p.w().rows * p.w().rowBytes / 4);
        }
        return s;
    }

    /** The uniform fields that come from the tensor, the split and the projection's options. */
    private UniformLayout.Values fields(Projection p, GpuTensor.Split s, int rows) {
        if (p.norm() != null && !fusesNorm()) {
            throw new IllegalStateException("This adapter's matvec shape runs norms as their own dispatch (rmsnorm.wgsl).");
        }
        return PARAMS.values().u32("rows", rows).u32("cols", p.w().cols).u32("row_words", (int) (p.w().rowBytes / 4))
                .u32("w_offset", s.wordOffset()).flag("accumulate", p.accumulate()).u32("pos_stride", p.posStride())
                .f32("softcap", p.softcap()).flag("norm", p.norm() != null).f32("eps", p.norm() != null ? p.norm().eps() : 0f);
    }

    private static UniformLayout.Values noGlu(UniformLayout.Values u) {
        return u.u32("up_words", 0).flag("gelu", false).flag("glu", false);
    }

    /** The three segments' biases, or null when the first has none (then no segment has). */
    private static GPUBuffer[] biases(GPUBuffer b0, GPUBuffer b1, GPUBuffer b2) {
        return b0 == null ? null : new GPUBuffer[] {b0, b1, b2};
    }

    /**
     * One dispatch over {@code rows} rows of split {@code s}, {@code rowsPer} output rows per invocation (or per group of
     * SPLIT), with matvec.wgsl's bindings: the segments' outputs (4-byte stand-ins where null), the
     * three segments' biases (stand-ins where {@code biases} is null), and in {@link #fusesNorm}
     * shapes the norm's weights (a stand-in where the projection has no norm).
     */
    private Dispatch dispatch(Projection p, GpuTensor.Split s, int rows, int rowsPer, GPUBuffer y1, GPUBuffer y2, GPUBuffer token,
                              GPUBuffer[] biases, UniformLayout.Values u) {
        GPUPipeline.Compute pipeline = gpu.pipelines().get(spec(p.w().layout));
        GPUBuffer params = u.flag("bias", biases != null).write(gpu.buffers(), "matvec params");
        GPUBuffer normWeights = null; // no binding: the pipeline has none
        if (fusesNorm()) {
            normWeights = p.norm() != null ? p.norm().weight() : unread();
        }
        GPUBuffer[] bindings = {params, token, s.buffer(), p.x(), p.y(), y1 != null ? y1 : unused1(), y2 != null ? y2 : unused2(),
                biases != null ? biases[0] : unread(), biases != null && biases[1] != null ? biases[1] : unread(),
                biases != null && biases[2] != null ? biases[2] : unread(), normWeights};
        GPUBindGroup group = gpu.bindGroup(pipeline, "matvec", bindings);
        return new Dispatch(pipeline, group, Dispatch.groups(Dispatch.groups(rows, rowsPer) * split, workgroup));
    }

    private GPUBuffer unused1() {
        if (unused1 == null) {
            unused1 = gpu.buffers().storage(4, "matvec: no second segment");
        }
        return unused1;
    }

    private GPUBuffer unused2() {
        if (unused2 == null) {
            unused2 = gpu.buffers().storage(4, "matvec: no third segment");
        }
        return unused2;
    }

    private GPUBuffer unread() {
        if (unread == null) {
            unread = gpu.buffers().storage(16, "matvec: no bias or norm");
        }
        return unread;
    }
}
