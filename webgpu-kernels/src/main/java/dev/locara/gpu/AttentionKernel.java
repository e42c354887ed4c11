package dev.locara.gpu;

import dev.locara.model.LlamaConfig;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * attention.wgsl: the new token's attention over the positions so far. On a GPU one workgroup per
 * query head; on a CPU-emulated adapter, where heads are a multiple of 8 wide, one invocation per
 * head (the kernel's PER_HEAD).
 */
public final class AttentionKernel {
    static final String FILE = "attention.wgsl";

    /** Invocations per workgroup of the per-head shape: the demo model's 8 heads make two, one per core. */
    static final int PER_HEAD_WG = 4;
    private final WebGpu gpu;
    private final boolean perHead;
    private final GPUPipeline.Compute pipeline;

    public AttentionKernel(WebGpu gpu, LlamaConfig c) {
        this.gpu = gpu;
        this.perHead = cpuShape(gpu, c);
        this.pipeline = gpu.pipeline(spec(gpu, c));
    }

    /**
     * Whether attention runs without workgroups' reductions (PER_HEAD here, attention_batch.wgsl's
     * PER_QUERY for a prompt): on CPU-emulated adapters, for heads a multiple of 8 wide (both walk a
     * head two vec4 slices at a time).
     */
    static boolean cpuShape(WebGpu gpu, LlamaConfig c) {
        return gpu.cpuShapes() && c.headDim() % 8 == 0;
    }

    /** The pipeline this kernel uses for {@code c}, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(WebGpu gpu, LlamaConfig c) {
        boolean perHead = cpuShape(gpu, c);
        return new WebGpu.PipelineSpec(FILE, perHead ? Set.of("PER_HEAD") : Set.of(), new String[] {"WG"},
                new int[] {perHead ? PER_HEAD_WG : gpu.reductionWorkgroup()});
    }

    /**
     * Uniform: {heads, group, headDim, kvDim, context, attnScale, attnSoftcap, window}; window: the layer's sliding window, 0 for a global layer.
     *
     * @param scores scratch of heads * context floats
     */
    public Dispatch bind(LlamaConfig c, int context, GPUBuffer q, GPUBuffer keyCache, GPUBuffer valueCache,
                         GPUBuffer scores, GPUBuffer out, GPUBuffer token, int window) {
        GPUBuffer params = gpu.uniform("attention params", c.heads(), c.heads() / c.kvHeads(), c.headDim(), c.kvDim(),
                context, Float.floatToIntBits(c.attnScale()), Float.floatToIntBits(c.attnSoftcap()), window);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "attention", params, token, q, keyCache, valueCache, scores, out),
                perHead ? Dispatch.groups(c.heads(), PER_HEAD_WG) : c.heads());
    }
}
