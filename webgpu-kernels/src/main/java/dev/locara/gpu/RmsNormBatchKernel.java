package dev.locara.gpu;

import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** rmsnorm_batch.wgsl: one workgroup normalizes one token's row of a batch. */
public final class RmsNormBatchKernel {
    static final String FILE = "rmsnorm_batch.wgsl";

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public RmsNormBatchKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipeline(spec(gpu));
    }

    /** The pipeline this kernel uses, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(WebGpu gpu) {
        return new WebGpu.PipelineSpec(FILE, Set.of(), new String[] {"WG"}, new int[] {gpu.reductionWorkgroup()});
    }

    /**
     * y[t] = rmsnorm(x[t]) * weight over rows of n values; record with one workgroup per token. With
     * {@code last}, record one workgroup: y[0] = rmsnorm(x[batch.count - 1]) * weight. Uniform: {n, eps, last}.
     */
    public Dispatch bind(GPUBuffer batch, GPUBuffer x, GPUBuffer weight, GPUBuffer y, int n, float eps, boolean last) {
        return bind(batch, x, weight, y, n, eps, last, 0, false);
    }

    /**
     * The same with y's rows starting at {@code batch.start * yPosStride} (bound to the one-token
     * uniform: a row of the KV cache), and added into y when {@code accumulate}. Uniform: {n, eps,
     * last, yPosStride, accumulate}.
     */
    public Dispatch bind(GPUBuffer batch, GPUBuffer x, GPUBuffer weight, GPUBuffer y, int n, float eps, boolean last,
                         int yPosStride, boolean accumulate) {
        GPUBuffer params = gpu.uniform("rmsnorm batch params", n, Float.floatToIntBits(eps), last ? 1 : 0, yPosStride,
                accumulate ? 1 : 0);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "rmsnorm batch", params, batch, x, weight, y), 1);
    }
}
