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

    private final WebGpu gpu;
    private final int workgroup;
    private final int split;

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

    private GPUPipeline.Compute pipeline(PackedLayout layout, boolean bias) {
        return gpu.pipeline(spec(layout, bias));
    }

    /** The pipeline for weights of {@code layout} in this kernel's shape, for {@link WebGpu#startCompiling}. */
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
        GPUPipeline.Compute pipeline = pipeline(w.layout, bias != null);
        List<Dispatch> dispatches = new ArrayList<>();
        for (GpuTensor.Split s : w.splits) {
            GPUBuffer params = gpu.uniform("matvec params", s.rows(), w.cols, (int) (w.rowBytes / 4), s.firstRow(),
                    accumulate ? 1 : 0, posStride, s.wordOffset(), Float.floatToIntBits(softcap));
            GPUBindGroup group = bias == null ? gpu.bindGroup(pipeline, "matvec", params, token, s.buffer(), x, y)
                    : gpu.bindGroup(pipeline, "matvec", params, token, s.buffer(), x, y, bias);
            dispatches.add(new Dispatch(pipeline, group, Dispatch.groups(Dispatch.groups(s.rows(), ROWS) * split, workgroup)));
        }
        return dispatches;
    }
}
