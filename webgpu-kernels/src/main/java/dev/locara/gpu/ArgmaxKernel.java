package dev.locara.gpu;

import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** argmax.wgsl: the greedy pick of one decode step, chained into the next step's token uniform. */
public final class ArgmaxKernel {
    /** n: the logits; base: the position of the first step of a chunk (rewritten per chunk of steps). */
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "n: u32", "base: u32");
    static final KernelFile SOURCE = new KernelFile("argmax.wgsl", PARAMS, UniformLayout.TOKEN);
    /** Words of the picks buffer before the picked ids: the next step's token uniform. */
    static final int TOKEN_WORDS = UniformLayout.TOKEN.words();

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public ArgmaxKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipelines().get(spec(gpu));
    }

    /** The pipeline this kernel uses, for {@link PipelineCache#startCompiling}. */
    static PipelineSpec spec(WebGpu gpu) {
        // A GPU scans the logits with 256 invocations (4 warps' worth of coalesced loads); an emulated
        // adapter with its 4-wide reduction groups, where a barrier costs a switch per SIMD group.
        return PipelineSpec.of(SOURCE.name(), gpu.cpuShapes() ? 4 : 256);
    }

    /**
     * picks[0..4) = {token.pos + 1, argmax(logits)}, picks[4 + token.pos - base] = the same id, with
     * {@code params} of {@link #PARAMS}.
     */
    public Dispatch bind(GPUBuffer params, GPUBuffer token, GPUBuffer logits, GPUBuffer picks) {
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "argmax", params, token, logits, picks), 1);
    }
}
