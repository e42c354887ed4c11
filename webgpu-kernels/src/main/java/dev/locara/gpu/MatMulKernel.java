package dev.locara.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * matmul.wgsl: a batch of tokens, Y[t][r] = W[r, :] . X[t, :], each invocation a tile of ROWS rows
 * by TOKENS tokens; workgroups along x cover rows, along y tokens.
 */
public final class MatMulKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "rows: u32", "cols: u32", "row_words: u32",
            "first_row: u32", "tokens: u32", "y_stride: u32", "accumulate: u32", "w_offset: u32", "bias: u32");
    static final KernelFile SOURCE = new KernelFile("matmul.wgsl", PARAMS);
    /** The tile: ROWS and TOKENS in matmul.wgsl. */
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
     * more, while a small model's rows would leave most of a 64-wide group idle.
     */
    static int workgroup(WebGpu gpu) {
        return gpu.cpuShapes() ? 16 : 64;
    }

    /**
     * {@code p} for a batch of {@code tokens} tokens (x: tokens x cols floats, y: tokens x W.rows),
     * one dispatch per split of W; with a bias, the same pipeline (a stand-in is bound where there
     * is none). The dispatch covers {@code tokens}; a batch of fewer tokens may record fewer
     * workgroups along y ({@link #tokenGroups}), since each tile's tokens are independent.
     */
    public List<Dispatch> bind(Projection p, int tokens) {
        if (p.posStride() != 0 || p.softcap() != 0 || p.norm() != null) {
            throw new IllegalArgumentException("matmul.wgsl stores whole rows of tokens: no token row, soft-cap or input norm.");
        }
        GpuTensor w = p.w();
        GPUPipeline.Compute pipeline = gpu.pipelines().get(spec(gpu, w.layout, w.cols));
        List<Dispatch> dispatches = new ArrayList<>();
        for (GpuTensor.Split s : w.splits) {
            GPUBuffer params = PARAMS.values().u32("rows", s.rows()).u32("cols", w.cols).u32("row_words", (int) (w.rowBytes / 4))
                    .u32("first_row", s.firstRow()).u32("tokens", tokens).u32("y_stride", w.rows).flag("accumulate", p.accumulate())
                    .u32("w_offset", s.wordOffset()).flag("bias", p.bias() != null).write(gpu.buffers(), "matmul params");
            GPUBindGroup group = gpu.bindGroup(pipeline, "matmul", params, s.buffer(), p.x(), p.y(),
                    p.bias() != null ? p.bias() : noBias());
            dispatches.add(new Dispatch(pipeline, group, Dispatch.groups(Dispatch.groups(s.rows(), ROWS), workgroup(gpu)),
                    tokenGroups(tokens)));
        }
        return dispatches;
    }

    /** Workgroups along y for {@code tokens} tokens. */
    static int tokenGroups(int tokens) {
        return Dispatch.groups(tokens, TOKENS);
    }

    /**
     * The pipeline for weights of {@code layout} in rows of {@code cols}, for {@link PipelineCache#startCompiling}.
     * Float rows of whole groups of 8 values take ROW_VEC4: the weights bound as vec4s of words, so that
     * one load brings 8 halves (F16, BF16) or 4 floats, where the scalar path made a load of every word;
     * on SwiftShader, whose loads each cost a bounds check, the loads bound the float kernels, not the
     * f16 unpacking (BENCHMARKS.md, embeddings). Other float widths (stories260K's 172) keep the scalar path.
     */
    static PipelineSpec spec(WebGpu gpu, PackedLayout layout, int cols) {
        boolean vec4 = layout.type().blockSize == 1 && cols % 8 == 0;
        Set<String> defines = vec4 ? Set.of(layout.define(), "ROW_VEC4") : Set.of(layout.define());
        return new PipelineSpec(SOURCE.name(), defines, Map.of("WG", workgroup(gpu)));
    }

    private GPUBuffer noBias() {
        if (noBias == null) {
            noBias = gpu.buffers().storage(4, "matmul: no bias");
        }
        return noBias;
    }
}
