package dev.locara.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * matmul.wgsl: a batch of tokens, Y[t][r] = W[r, :] . X[t, :], each invocation a tile of ROWS rows
 * by TOKENS tokens; workgroups along x cover rows, along y tokens.
 */
public final class MatMulKernel {
    static final String FILE = "matmul.wgsl";
    /** Must match ROWS and TOKENS in matmul.wgsl. */
    static final int ROWS = 4;
    static final int TOKENS = 4;

    private final WebGpu gpu;
    // Bound as the bias where a dispatch adds none (never read).
    private GPUBuffer noBias;

    public MatMulKernel(WebGpu gpu) {
        this.gpu = gpu;
    }

    /**
     * Invocations per workgroup: 64 on a GPU (two warps or one wavefront); 16 on a CPU-emulated
     * adapter, which runs a workgroup as SIMD groups of 4 one after another and gains nothing from
     * more, while a small model's rows leave most of a 64-wide group idle (the demo model's 64-row
     * projections used a quarter of it). On the demo model's prompt, a 64-token chunk's 35 matrix
     * dispatches took 20-25 ms with 64 and 18-19 ms with 16.
     */
    static int workgroup(WebGpu gpu) {
        return gpu.cpuShapes() ? 16 : 64;
    }

    /**
     * One dispatch per split of W. Uniform per split: {rows, cols, rowWords, firstRow, tokens, yStride}.
     *
     * @param x tokens x cols floats
     * @param y tokens x W.rows floats
     */
    public List<Dispatch> bind(GpuTensor w, GPUBuffer x, GPUBuffer y, int tokens) {
        return bind(w, x, y, tokens, false);
    }

    /**
     * The same, adding into Y when {@code accumulate} (the residual stream). Uniform per split:
     * {rows, cols, rowWords, firstRow, tokens, yStride, accumulate}. The dispatch covers
     * {@code tokens}; a batch of fewer tokens may record fewer workgroups along y
     * ({@link #tokenGroups}), since each tile's tokens are independent.
     */
    public List<Dispatch> bind(GpuTensor w, GPUBuffer x, GPUBuffer y, int tokens, boolean accumulate) {
        return bind(w, x, y, tokens, accumulate, null);
    }

    /**
     * The same, adding {@code bias[r]} to every token's row r when bias is non-null (the same
     * pipeline either way; a stand-in is bound where there is none). Uniform per split: {rows, cols,
     * rowWords, firstRow, tokens, yStride, accumulate, wordOffset, bias}.
     */
    public List<Dispatch> bind(GpuTensor w, GPUBuffer x, GPUBuffer y, int tokens, boolean accumulate, GPUBuffer bias) {
        GPUPipeline.Compute pipeline = gpu.pipeline(spec(gpu, w.layout));
        List<Dispatch> dispatches = new ArrayList<>();
        for (GpuTensor.Split s : w.splits) {
            GPUBuffer params = gpu.uniform("matmul params", s.rows(), w.cols, (int) (w.rowBytes / 4), s.firstRow(), tokens, w.rows,
                    accumulate ? 1 : 0, s.wordOffset(), bias != null ? 1 : 0, 0, 0, 0);
            GPUBindGroup group = gpu.bindGroup(pipeline, "matmul", params, s.buffer(), x, y, bias != null ? bias : noBias());
            dispatches.add(new Dispatch(pipeline, group, Dispatch.groups(Dispatch.groups(s.rows(), ROWS), workgroup(gpu)),
                    tokenGroups(tokens)));
        }
        return dispatches;
    }

    /** Workgroups along y for {@code tokens} tokens. */
    static int tokenGroups(int tokens) {
        return Dispatch.groups(tokens, TOKENS);
    }

    /** The pipeline for weights of {@code layout}, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(WebGpu gpu, PackedLayout layout) {
        return new WebGpu.PipelineSpec(FILE, Set.of(layout.define()),
                new String[] {"WG"}, new int[] {workgroup(gpu)});
    }

    private GPUBuffer noBias() {
        if (noBias == null) {
            noBias = gpu.storage(4, "matmul: no bias");
        }
        return noBias;
    }
}
