package dev.locara.gpu;

import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** swiglu.wgsl: gate = silu(gate) * up, or gelu(gate) * up (GeGLU), one invocation per value. */
public final class SwiGluKernel {
    static final String FILE = "swiglu.wgsl";
    static final int WORKGROUP = 64;

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public SwiGluKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipeline(spec(gpu));
    }

    /** The pipeline this kernel uses, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(WebGpu gpu) {
        return new WebGpu.PipelineSpec(FILE, Set.of(), new String[] {"WG"}, new int[] {WORKGROUP});
    }

    /** Uniform: {n, gelu}. */
    public Dispatch bind(GPUBuffer gate, GPUBuffer up, int n, boolean gelu) {
        GPUBuffer params = gpu.uniform("swiglu params", n, gelu ? 1 : 0);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "swiglu", params, gate, up), Dispatch.groups(n, WORKGROUP));
    }
}
