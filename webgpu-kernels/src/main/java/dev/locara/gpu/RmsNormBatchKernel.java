package dev.locara.gpu;

import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** rmsnorm_batch.wgsl: one workgroup normalizes one row: a token's of a batch, or a head's of one token. */
public final class RmsNormBatchKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "n: u32", "eps: f32", "last: u32", "accumulate: u32");
    static final KernelFile SOURCE = new KernelFile("rmsnorm_batch.wgsl", PARAMS, UniformLayout.BATCH);

    /** Which rows go where. */
    public enum Rows {
        /** y[t] = rmsnorm(x[t]) * weight; record one workgroup per row. */
        EACH,
        /** y[t] += rmsnorm(x[t]) * weight (a post-norm into the residual stream). */
        EACH_ADDED,
        /** y[0] = rmsnorm(x[batch.count - 1]) * weight, one workgroup: the last token's, for the output head. */
        LAST
    }

    private final WebGpu gpu;
    private final float eps;
    private final GPUPipeline.Compute pipeline;

    public RmsNormBatchKernel(WebGpu gpu, float eps) {
        this.gpu = gpu;
        this.eps = eps;
        this.pipeline = gpu.pipelines().get(spec(gpu));
    }

    /** The pipeline this kernel uses, for {@link PipelineCache#startCompiling}. */
    static PipelineSpec spec(WebGpu gpu) {
        return PipelineSpec.of(SOURCE.name(), gpu.reductionWorkgroup());
    }

    /**
     * Rows of n values of x, normalized into y as {@code rows} says; {@code batch} is the chunk's
     * uniform, or the token's where the rows are one token's heads (only its count field is read,
     * by {@link Rows#LAST}).
     */
    public Dispatch bind(Rows rows, GPUBuffer batch, GPUBuffer x, GPUBuffer weight, GPUBuffer y, int n) {
        GPUBuffer params = PARAMS.values().u32("n", n).f32("eps", eps).flag("last", rows == Rows.LAST)
                .flag("accumulate", rows == Rows.EACH_ADDED).write(gpu.buffers(), "rmsnorm batch params");
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "rmsnorm batch", params, batch, x, weight, y), 1);
    }
}
