package dev.locara.gpu;

import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** rmsnorm.wgsl: one workgroup normalizes one vector. */
public final class RmsNormKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "n: u32", "eps: f32");
    static final KernelFile SOURCE = new KernelFile("rmsnorm.wgsl", PARAMS);

    private final WebGpu gpu;
    private final float eps;
    private final GPUPipeline.Compute pipeline;

    public RmsNormKernel(WebGpu gpu, float eps) {
        this.gpu = gpu;
        this.eps = eps;
        this.pipeline = gpu.pipelines().get(spec(gpu));
    }

    /** The pipeline this kernel uses, for {@link PipelineCache#startCompiling}. */
    static PipelineSpec spec(WebGpu gpu) {
        return PipelineSpec.of(SOURCE.name(), gpu.reductionWorkgroup());
    }

    /** y = rmsnorm(x) * weight over n values. */
    public Dispatch bind(GPUBuffer x, GPUBuffer weight, GPUBuffer y, int n) {
        GPUBuffer params = PARAMS.values().u32("n", n).f32("eps", eps).write(gpu.buffers(), "rmsnorm params");
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "rmsnorm", params, x, weight, y), 1);
    }
}
