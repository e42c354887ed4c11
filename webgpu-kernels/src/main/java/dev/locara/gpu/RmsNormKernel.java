package dev.locara.gpu;

import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** rmsnorm.wgsl: one workgroup normalizes one vector. */
public final class RmsNormKernel {
    static final String FILE = "rmsnorm.wgsl";

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public RmsNormKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipeline(spec(gpu));
    }

    /** The pipeline this kernel uses, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(WebGpu gpu) {
        return new WebGpu.PipelineSpec(FILE, Set.of(), new String[] {"WG"}, new int[] {gpu.reductionWorkgroup()});
    }

    /** y = rmsnorm(x) * weight over n values. Uniform: {n, eps}. */
    public Dispatch bind(GPUBuffer x, GPUBuffer weight, GPUBuffer y, int n, float eps) {
        GPUBuffer params = gpu.uniform("rmsnorm params", n, Float.floatToIntBits(eps));
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "rmsnorm", params, x, weight, y), 1);
    }
}
