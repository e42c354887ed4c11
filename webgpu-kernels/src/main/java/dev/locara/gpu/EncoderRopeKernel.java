package dev.locara.gpu;

import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** rope_encoder.wgsl: nomic-bert's rotary positions on q and k of a packed batch, one invocation per (token, head, pair). */
public final class EncoderRopeKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "heads: u32", "head_dim: u32", "theta_scale: f32");
    static final KernelFile SOURCE = new KernelFile("rope_encoder.wgsl", PARAMS, UniformLayout.BATCH);
    static final int WORKGROUP = 64;

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public EncoderRopeKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipelines().get(spec());
    }

    static PipelineSpec spec() {
        return PipelineSpec.of(SOURCE.name(), WORKGROUP);
    }

    /** Record with {@code x} workgroups along x and one per token along y. */
    public Dispatch bind(GPUBuffer batch, GPUBuffer positions, GPUBuffer q, GPUBuffer k, int heads, int headDim, float base) {
        // As ggml (and the CPU reference): the angle of pair i is position * base^(-2i / headDim), by repeated multiplication.
        float thetaScale = (float) Math.pow(base, -2.0 / headDim);
        GPUBuffer params = PARAMS.values().u32("heads", heads).u32("head_dim", headDim).f32("theta_scale", thetaScale)
                .write(gpu.buffers(), "rope encoder params");
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "rope encoder", params, batch, positions, q, k),
                Dispatch.groups(heads * headDim / 2, WORKGROUP));
    }
}
