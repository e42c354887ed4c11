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
    /** 32-bit fields of matvec.wgsl's Params. */
    private static final int PARAM_WORDS = 16;
    /** Output rows per invocation of the GLU variant; must match OUT in matvec.wgsl. */
    static final int GLU_ROWS = 4;

    private final WebGpu gpu;
    private final int workgroup;
    private final int split;
    // Stand-ins for the second and third segments' outputs where a dispatch has none: two 4-byte
    // buffers, never written, since one buffer may not be bound writable twice.
    private GPUBuffer unused1;
    private GPUBuffer unused2;

    /** The shape for this adapter (see the kernel's header). */
    public MatVecKernel(WebGpu gpu) {
        // SwiftShader runs an invocation's rows as CPU code, four invocations per SIMD group, one
        // workgroup per thread: every invocation owns its rows (no barrier), and small workgroups
        // spread even a 256-row matrix over the cores. A GPU wants neighbouring invocations to read
        // neighbouring blocks of the same rows, and full workgroups of them.
        this(gpu, gpu.cpuShapes() ? 16 : 64, gpu.cpuShapes() ? 1 : 16);
    }

    private MatVecKernel(WebGpu gpu, int workgroup, int split) {
        this.gpu = gpu;
        this.workgroup = workgroup;
        this.split = split;
    }

    /** The cooperative shape real GPUs get, on any adapter: the checks run it on SwiftShader too. */
    public static MatVecKernel cooperative(WebGpu gpu) {
        return new MatVecKernel(gpu, 64, 16);
    }

    /**
     * The pipeline for weights of {@code layout} in this kernel's shape, for {@link WebGpu#startCompiling}:
     * the same one serves {@link #bind}, {@link #bindQkv} and {@link #bindGlu}.
     */
    WebGpu.PipelineSpec spec(PackedLayout layout, boolean bias) {
        Set<String> defines = new java.util.HashSet<>(Set.of(layout.define()));
        if (bias) {
            defines.add("BIAS");
        }
        if (split > 1) {
            defines.add("COOPERATIVE");
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
        return bind(w, x, y, token, accumulate, posStride, null, 0f);
    }

    /**
     * The same, adding {@code bias[r]} to each row when bias is non-null, and storing
     * {@code softcap * tanh(y / softcap)} when softcap > 0. Uniform per split: {rows, cols, rowWords,
     * firstRow, accumulate, posStride, wordOffset, softcap}.
     */
    public List<Dispatch> bind(GpuTensor w, GPUBuffer x, GPUBuffer y, GPUBuffer token, boolean accumulate, int posStride,
                               GPUBuffer bias, float softcap) {
        GPUPipeline.Compute pipeline = gpu.pipeline(spec(w.layout, bias != null));
        List<Dispatch> dispatches = new ArrayList<>();
        for (GpuTensor.Split s : w.splits) {
            // One segment: seg1 = seg2 = rows.
            GPUBuffer params = params("matvec params", s.rows(), w.cols, (int) (w.rowBytes / 4), s.firstRow(),
                    accumulate ? 1 : 0, posStride, s.wordOffset(), Float.floatToIntBits(softcap), 0, 0, s.rows(), s.rows());
            GPUBindGroup group = bias == null
                    ? gpu.bindGroup(pipeline, "matvec", params, token, s.buffer(), x, y, unused1(), unused2())
                    : gpu.bindGroup(pipeline, "matvec", params, token, s.buffer(), x, y, unused1(), unused2(), bias, bias, bias);
            dispatches.add(new Dispatch(pipeline, group, Dispatch.groups(Dispatch.groups(s.rows(), ROWS) * split, workgroup)));
        }
        return dispatches;
    }

    /**
     * y[r] = act(gate[r, :] . x) * (up[r, :] . x) for r < rows / 2 in one dispatch, where
     * {@code gateUp} holds gate's rows and then up's in one binding ({@link #fitsGlu}); act is SiLU,
     * or GELU when {@code gelu}. Uniform: matvec's, with upWords (the word offset from a gate row to
     * the same row of up) and gelu.
     */
    public Dispatch bindGlu(GpuTensor gateUp, GPUBuffer x, GPUBuffer y, GPUBuffer token, boolean gelu) {
        if (!fitsGlu(gateUp)) {
            throw new IllegalArgumentException("The fused gate and up projection needs both halves in one binding.");
        }
        GPUPipeline.Compute pipeline = gpu.pipeline(spec(gateUp.layout, false));
        GpuTensor.Split s = gateUp.splits.get(0);
        int hidden = gateUp.rows / 2;
        int rowWords = (int) (gateUp.rowBytes / 4);
        GPUBuffer params = params("matvec glu params", hidden, gateUp.cols, rowWords, 0, 0, 0, s.wordOffset(), 0,
                hidden * rowWords, gelu ? 1 : 0, hidden, hidden, 0, 0, 1);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "matvec glu", params, token, s.buffer(), x, y, unused1(), unused2()),
                Dispatch.groups(Dispatch.groups(hidden, GLU_ROWS) * split, workgroup));
    }

    /** Whether a gate-then-up matrix can run as {@link #bindGlu}: both halves in one binding. */
    static boolean fitsGlu(GpuTensor gateUp) {
        return gateUp.splits.size() == 1 && gateUp.rows % 2 == 0;
    }

    /**
     * q, k and v projections in one dispatch from their rows stacked in one binding: rows
     * [0, qRows) to {@code q}, the next kRows to {@code k} at row {@code pos * kStride}, the rest (if
     * any; stacked.rows - qRows - kRows of them) to {@code v} at {@code pos * vStride}, each with its
     * bias when {@code biases} holds three buffers; {@code v} is null when the stack has no v rows.
     * Uniform: matvec's, with seg1 = qRows, seg2 = qRows + kRows and the two strides.
     */
    public Dispatch bindQkv(GpuTensor stacked, int qRows, int kRows, GPUBuffer x, GPUBuffer q, GPUBuffer k, int kStride,
                            GPUBuffer v, int vStride, GPUBuffer token, GPUBuffer[] biases) {
        if (stacked.splits.size() != 1 || qRows + kRows > stacked.rows) {
            throw new IllegalArgumentException("The fused q, k, v projection needs its rows in one binding.");
        }
        boolean bias = biases != null;
        GPUPipeline.Compute pipeline = gpu.pipeline(spec(stacked.layout, bias));
        GpuTensor.Split s = stacked.splits.get(0);
        GPUBuffer params = params("matvec qkv params", stacked.rows, stacked.cols, (int) (stacked.rowBytes / 4), 0, 0, 0,
                s.wordOffset(), 0, 0, 0, qRows, qRows + kRows, kStride, vStride);
        GPUBuffer vOut = v != null ? v : unused2();
        GPUBindGroup group = bias
                ? gpu.bindGroup(pipeline, "matvec qkv", params, token, s.buffer(), x, q, k, vOut, biases[0], biases[1], biases[2])
                : gpu.bindGroup(pipeline, "matvec qkv", params, token, s.buffer(), x, q, k, vOut);
        return new Dispatch(pipeline, group, Dispatch.groups(Dispatch.groups(stacked.rows, ROWS) * split, workgroup));
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

    /** A uniform of matvec.wgsl's Params, whatever fields a dispatch sets: the rest are 0. */
    private GPUBuffer params(String label, int... words) {
        return gpu.uniform(label, java.util.Arrays.copyOf(words, PARAM_WORDS));
    }
}
