package dev.locara.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * matvec.wgsl: one token's y = W x for weights of any packed type, ROWS rows per invocation and
 * SPLIT invocations per group of rows, both explained in the kernel's header.
 */
public final class MatVecKernel {
    static final String FILE = "matvec.wgsl";
    /** Must match ROWS in matvec.wgsl. */
    static final int ROWS = 8;
    /** Output rows per invocation with glu; must match GLU_ROWS in matvec.wgsl. */
    static final int GLU_ROWS = 4;
    /**
     * Storage buffers a matvec pipeline binds at most with the norm fused: the weights, x, the three
     * segments' outputs, their three biases and the norm's weights, one more than WebGPU's default 8.
     */
    static final int STORAGE_BUFFERS_WITH_NORM = 9;

    private final WebGpu gpu;
    private final int workgroup;
    private final int split;
    private final boolean fusesNorm;
    // Stand-ins for the second and third segments' outputs where a dispatch has none: two 4-byte
    // buffers, never written, since one buffer may not be bound writable twice; and one read-only
    // buffer, never read, for the biases where a dispatch adds none and the norm weights where it
    // normalizes nothing (16 bytes: one vec4 of norm_w).
    private GPUBuffer unused1;
    private GPUBuffer unused2;
    private GPUBuffer unread;

    /**
     * An RMSNorm the kernel applies to its input before the product ({@link #fusesNorm}): the input
     * is then the vector before its norm, and y = W (rmsnorm(x) * weight).
     */
    public record InputNorm(GPUBuffer weight, float eps) {
    }

    /** Invocations per workgroup on CPU-emulated adapters: one SIMD group of SwiftShader's. */
    static final int CPU_WORKGROUP = 4;

    /** The shape for this adapter (see the kernel's header). */
    public MatVecKernel(WebGpu gpu) {
        // SwiftShader runs an invocation's rows as CPU code, four invocations per SIMD group, one
        // workgroup per thread: every invocation owns its rows (no barrier), and workgroups of one
        // SIMD group spread even a 64-row matrix over the cores (the demo model's projections were
        // one workgroup of 16, one core: 4 instead of 16 decoded it at 276 to 430 tokens/s against
        // 183 to 260 in interleaved runs, and the 155M model as before). A GPU wants neighbouring
        // invocations to read neighbouring blocks of the same rows, and full workgroups of them.
        this(gpu, gpu.cpuShapes() ? CPU_WORKGROUP : 64, gpu.cpuShapes() ? 1 : 16);
    }

    private MatVecKernel(WebGpu gpu, int workgroup, int split) {
        this.gpu = gpu;
        this.workgroup = workgroup;
        this.split = split;
        this.fusesNorm = split > 1 && gpu.storageBuffersPerStage() >= STORAGE_BUFFERS_WITH_NORM;
    }

    /**
     * Whether this shape takes an RMSNorm of its input ({@link InputNorm}) in the same dispatch: the
     * GPU shape does where the device binds {@link #STORAGE_BUFFERS_WITH_NORM} storage buffers per
     * kernel; on CPU-emulated adapters the fusion measured slower than the norm's own dispatch
     * (matvec.wgsl's header).
     */
    public boolean fusesNorm() {
        return fusesNorm;
    }

    /** The cooperative shape real GPUs get, on any adapter: the checks run it on SwiftShader too. */
    public static MatVecKernel cooperative(WebGpu gpu) {
        return new MatVecKernel(gpu, 64, 16);
    }

    /**
     * The pipeline for weights of {@code layout} in this kernel's shape, for {@link WebGpu#startCompiling}:
     * the same one serves {@link #bind}, {@link #bindQkv} and {@link #bindGlu}, with biases or without.
     */
    WebGpu.PipelineSpec spec(PackedLayout layout) {
        Set<String> defines = new java.util.HashSet<>(Set.of(layout.define()));
        if (split > 1) {
            defines.add("COOPERATIVE");
        }
        if (fusesNorm()) {
            defines.add("NORM");
        }
        return new WebGpu.PipelineSpec(FILE, defines, new String[] {"WG", "SPLIT"}, new int[] {workgroup, split});
    }

    /**
     * y[pos * posStride + r] (+)= W[r, :] . x, one dispatch per split of W. Uniform per split:
     * {rows, cols, rowWords, firstRow, accumulate, posStride}.
     *
     * @param posStride 0 for an ordinary output; the row width to write into a KV-cache row
     */
    public List<Dispatch> bind(GpuTensor w, GPUBuffer x, GPUBuffer y, GPUBuffer token, boolean accumulate, int posStride) {
        return bind(w, x, y, token, accumulate, posStride, null, 0f, null);
    }

    /**
     * The same, adding {@code bias[r]} to each row when bias is non-null, and storing
     * {@code softcap * tanh(y / softcap)} when softcap > 0, and normalizing x first when {@code norm}
     * is non-null ({@link #fusesNorm} shapes only). Uniform per split: {rows, cols, rowWords,
     * firstRow, accumulate, posStride, wordOffset, softcap}.
     */
    public List<Dispatch> bind(GpuTensor w, GPUBuffer x, GPUBuffer y, GPUBuffer token, boolean accumulate, int posStride,
                               GPUBuffer bias, float softcap, InputNorm norm) {
        List<Dispatch> dispatches = new ArrayList<>();
        for (GpuTensor.Split s : w.splits) {
            // One segment: seg1 = seg2 = rows.
            dispatches.add(dispatch(w, s, ROWS, x, y, null, null, token, bias == null ? null : new GPUBuffer[] {bias, bias, bias},
                    norm, new Fields(s.rows(), s.firstRow(), accumulate ? 1 : 0, posStride, Float.floatToIntBits(softcap), 0, 0,
                            s.rows(), s.rows(), 0, 0, 0)));
        }
        return dispatches;
    }

    /**
     * y[r] = act(gate[r, :] . x) * (up[r, :] . x) for r < rows / 2 in one dispatch, where
     * {@code gateUp} holds gate's rows and then up's in one binding ({@link #fitsGlu}); act is SiLU,
     * or GELU when {@code gelu}. Uniform: matvec's, with upWords (the word offset from a gate row to
     * the same row of up) and gelu.
     */
    public Dispatch bindGlu(GpuTensor gateUp, GPUBuffer x, GPUBuffer y, GPUBuffer token, boolean gelu, InputNorm norm) {
        if (!oneBinding(gateUp) || gateUp.rows % 2 != 0) {
            throw new IllegalArgumentException("The fused gate and up projection needs both halves in one binding.");
        }
        int hidden = gateUp.rows / 2;
        return dispatch(gateUp, gateUp.splits.get(0), GLU_ROWS, x, y, null, null, token, null, norm,
                new Fields(hidden, 0, 0, 0, 0, hidden * (int) (gateUp.rowBytes / 4), gelu ? 1 : 0, hidden, hidden, 0, 0, 1));
    }

    /** Whether a stacked matrix can run as one {@link #bindQkv} or {@link #bindGlu} dispatch: all its rows in one binding. */
    static boolean oneBinding(GpuTensor stacked) {
        return stacked.splits.size() == 1;
    }

    /**
     * q, k and v projections in one dispatch from their rows stacked in one binding: rows
     * [0, qRows) to {@code q}, the next kRows to {@code k} at row {@code pos * kStride}, the rest (if
     * any; stacked.rows - qRows - kRows of them) to {@code v} at {@code pos * vStride}, each with its
     * bias when {@code biases} holds three buffers; {@code v} is null when the stack has no v rows.
     * Uniform: matvec's, with seg1 = qRows, seg2 = qRows + kRows and the two strides.
     */
    public Dispatch bindQkv(GpuTensor stacked, int qRows, int kRows, GPUBuffer x, GPUBuffer q, GPUBuffer k, int kStride,
                            GPUBuffer v, int vStride, GPUBuffer token, GPUBuffer[] biases, InputNorm norm) {
        if (!oneBinding(stacked) || qRows + kRows > stacked.rows) {
            throw new IllegalArgumentException("The fused q, k, v projection needs its rows in one binding.");
        }
        return dispatch(stacked, stacked.splits.get(0), ROWS, x, q, k, v, token, biases, norm,
                new Fields(stacked.rows, 0, 0, 0, 0, 0, 0, qRows, qRows + kRows, kStride, vStride, 0));
    }

    /** matvec.wgsl's Params as a dispatch sets them, but cols, row_words and w_offset, which come from the tensor. */
    private record Fields(int rows, int firstRow, int accumulate, int posStride, int softcap, int upWords, int gelu, int seg1,
                          int seg2, int stride1, int stride2, int glu) {
    }

    /**
     * One dispatch over split {@code s}, {@code rowsPer} output rows per invocation (or per group of
     * SPLIT), with matvec.wgsl's bindings: the segments' outputs (4-byte stand-ins where null),
     * the three segments' biases (stand-ins where {@code biases} is null), and in {@link #fusesNorm}
     * shapes the norm's weights (a stand-in where {@code norm} is null).
     */
    private Dispatch dispatch(GpuTensor w, GpuTensor.Split s, int rowsPer, GPUBuffer x, GPUBuffer y, GPUBuffer y1, GPUBuffer y2,
                              GPUBuffer token, GPUBuffer[] biases, InputNorm norm, Fields f) {
        if (norm != null && !fusesNorm()) {
            throw new IllegalStateException("This adapter's matvec shape runs norms as their own dispatch (rmsnorm.wgsl).");
        }
        GPUPipeline.Compute pipeline = gpu.pipeline(spec(w.layout));
        GPUBuffer params = gpu.uniform("matvec params", f.rows(), w.cols, (int) (w.rowBytes / 4), f.firstRow(), f.accumulate(),
                f.posStride(), s.wordOffset(), f.softcap(), f.upWords(), f.gelu(), f.seg1(), f.seg2(), f.stride1(), f.stride2(),
                f.glu(), norm != null ? 1 : 0, norm != null ? Float.floatToIntBits(norm.eps()) : 0, biases != null ? 1 : 0, 0, 0);
        GPUBuffer normWeights = null; // no binding: the pipeline has none
        if (fusesNorm()) {
            normWeights = norm != null ? norm.weight() : unread();
        }
        GPUBuffer[] bindings = {params, token, s.buffer(), x, y, y1 != null ? y1 : unused1(), y2 != null ? y2 : unused2(),
                biases != null ? biases[0] : unread(), biases != null ? biases[1] : unread(), biases != null ? biases[2] : unread(),
                normWeights};
        GPUBindGroup group = gpu.bindGroup(pipeline, "matvec", bindings);
        return new Dispatch(pipeline, group, Dispatch.groups(Dispatch.groups(f.rows(), rowsPer) * split, workgroup));
    }

    private GPUBuffer unused1() {
        if (unused1 == null) {
            unused1 = gpu.storage(4, "matvec: no second segment");
        }
        return unused1;
    }

    private GPUBuffer unused2() {
        if (unused2 == null) {
            unused2 = gpu.storage(4, "matvec: no third segment");
        }
        return unused2;
    }

    private GPUBuffer unread() {
        if (unread == null) {
            unread = gpu.storage(16, "matvec: no bias or norm");
        }
        return unread;
    }
}
