package dev.locara.gpu;

import dev.locara.model.LayerStep.Activation;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** swiglu.wgsl: gate = silu(gate) * up, or gelu(gate) * up (GeGLU), one invocation per value. */
public final class SwiGluKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "n: u32", "gelu: u32");
    static final KernelFile SOURCE = new KernelFile("swiglu.wgsl", PARAMS);
    static final int WORKGROUP = 64;

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public SwiGluKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipelines().get(spec());
    }

    /** The pipeline this kernel uses, for {@link PipelineCache#startCompiling}. */
    static PipelineSpec spec() {
        return PipelineSpec.of(SOURCE.name(), WORKGROUP);
    }

    /** gate[i] = act(gate[i]) * up[i] for i below n. */
    public Dispatch bind(GPUBuffer gate, GPUBuffer up, int n, Activation activation) {
        GPUBuffer params = PARAMS.values().u32("n", n).flag("gelu", activation == Activation.GELU)
                .write(gpu.buffers(), "swiglu params");
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "swiglu", params, gate, up), Dispatch.groups(n, WORKGROUP));
    }
}
