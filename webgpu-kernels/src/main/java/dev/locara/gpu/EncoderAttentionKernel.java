package dev.locara.gpu;

import java.util.Map;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * attention_bidirectional.wgsl: every token of a packed batch attends to all tokens of its own
 * sequence, one invocation per (token, head); workgroups along x cover tokens, along y heads.
 */
public final class EncoderAttentionKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "heads: u32", "head_dim: u32", "scale: f32");
    static final KernelFile SOURCE = new KernelFile("attention_bidirectional.wgsl", PARAMS, UniformLayout.BATCH);
    /** The kernel's MAX_HEAD_DIM4, in values. */
    static final int MAX_HEAD_DIM = 128;

    /** The kernel's storage bindings, in its order. */
    public record Buffers(GPUBuffer spans, GPUBuffer q, GPUBuffer k, GPUBuffer v, GPUBuffer out) {
    }

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public EncoderAttentionKernel(WebGpu gpu, int headDim) {
        this.gpu = gpu;
        this.pipeline = gpu.pipelines().get(spec(gpu, headDim));
    }

    /**
     * 16 invocations a workgroup on a CPU-emulated adapter (no barriers, so only the count of
     * workgroups matters, and a short batch still spreads over the cores); 64 on a GPU.
     */
    static int workgroup(WebGpu gpu) {
        return gpu.cpuShapes() ? 16 : 64;
    }

    /** The variant whose private arrays fit {@code headDim} (attention_bidirectional.wgsl's MAX_HEAD_DIM4). */
    static PipelineSpec spec(WebGpu gpu, int headDim) {
        Set<String> defines = headDim <= 32 ? Set.of("HEAD_DIM_32") : headDim <= 64 ? Set.of("HEAD_DIM_64") : Set.of();
        return new PipelineSpec(SOURCE.name(), defines, Map.of("WG", workgroup(gpu)));
    }

    /** Heads of a width the kernel holds in registers: a multiple of 4, at most {@link #MAX_HEAD_DIM}. */
    static void check(int headDim) {
        if (headDim % 4 != 0 || headDim > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("Attention heads " + headDim + " wide: the WebGPU encoder takes heads a multiple of 4"
                    + " and at most " + MAX_HEAD_DIM + " wide.");
        }
    }

    public Dispatch bind(GPUBuffer batch, Buffers b, int heads, int headDim) {
        check(headDim);
        GPUBuffer params = PARAMS.values().u32("heads", heads).u32("head_dim", headDim).f32("scale", (float) (1 / Math.sqrt(headDim)))
                .write(gpu.buffers(), "attention bidirectional params");
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "attention bidirectional", params, batch, b.spans(), b.q(), b.k(),
                b.v(), b.out()), 1, heads);
    }

    /** Workgroups along x for a batch of {@code tokens}. */
    int groupsX(int tokens) {
        return Dispatch.groups(tokens, workgroup(gpu));
    }
}
