package dev.locara.gpu;

import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** gelu.wgsl: the encoder's feed-forward activation over a batch's rows, GELU (erf) or SwiGLU, stepping by the grid. */
public final class GeluKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "width: u32", "gated: u32");
    static final KernelFile SOURCE = new KernelFile("gelu.wgsl", PARAMS, UniformLayout.BATCH);
    static final int WORKGROUP = 64;
    /** Workgroups per dispatch at most: the grid steps over the rest (WebGPU allows 65535 along x). */
    static final int MAX_GROUPS = 4096;

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;
    private final GPUBuffer none;

    public GeluKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipelines().get(spec());
        this.none = gpu.buffers().storage(4, "gelu: no gate");
    }

    static PipelineSpec spec() {
        return PipelineSpec.of(SOURCE.name(), WORKGROUP);
    }

    /** h = gelu(h), or with a gate h = silu(gate) * h, over the batch's rows of {@code width} values. */
    public Dispatch bind(GPUBuffer batch, GPUBuffer h, GPUBuffer gate, int width) {
        GPUBuffer params = PARAMS.values().u32("width", width).flag("gated", gate != null).write(gpu.buffers(), "gelu params");
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, gate != null ? "swiglu (encoder)" : "gelu", params, batch, h,
                gate != null ? gate : none), 1);
    }

    /** Workgroups for a batch of {@code tokens} rows of {@code width}. */
    static int groups(int tokens, int width) {
        return Math.min(MAX_GROUPS, Dispatch.groups(tokens * width, WORKGROUP));
    }
}
