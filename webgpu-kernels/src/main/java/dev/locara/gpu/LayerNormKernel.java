package dev.locara.gpu;

import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** layernorm.wgsl: one workgroup per token of a batch normalizes its row in place, after adding up to two rows to it. */
public final class LayerNormKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "n: u32", "eps: f32", "addends: u32");
    static final KernelFile SOURCE = new KernelFile("layernorm.wgsl", PARAMS, UniformLayout.BATCH);

    private final WebGpu gpu;
    private final float eps;
    private final GPUPipeline.Compute pipeline;
    private final GPUBuffer none; // bound where an addend is absent (never read)

    public LayerNormKernel(WebGpu gpu, float eps) {
        this.gpu = gpu;
        this.eps = eps;
        this.pipeline = gpu.pipelines().get(spec(gpu));
        this.none = gpu.buffers().storage(4, "layernorm: no addend");
    }

    static PipelineSpec spec(WebGpu gpu) {
        return PipelineSpec.of(SOURCE.name(), gpu.reductionWorkgroup());
    }

    /**
     * x[t] = layernorm(x[t] + a[t] + b[t]) * weight + bias for the batch's tokens, rows n wide; a and b
     * may be null (not added). Record one workgroup per token.
     */
    public Dispatch bind(GPUBuffer batch, GPUBuffer x, GPUBuffer a, GPUBuffer b, GPUBuffer weight, GPUBuffer bias, int n) {
        if (a == null && b != null) {
            throw new IllegalArgumentException("A second addend needs a first.");
        }
        int addends = a == null ? 0 : b == null ? 1 : 2;
        GPUBuffer params = PARAMS.values().u32("n", n).f32("eps", eps).u32("addends", addends)
                .write(gpu.buffers(), "layernorm params");
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "layernorm", params, batch, x, a == null ? none : a,
                b == null ? none : b, weight, bias), 1);
    }
}
