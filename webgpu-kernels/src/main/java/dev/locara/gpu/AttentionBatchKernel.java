package dev.locara.gpu;

import dev.locara.model.LlamaConfig;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** attention_batch.wgsl: one workgroup per (query head, query token) of a batch, causal over the cache. */
public final class AttentionBatchKernel {
    static final String FILE = "attention_batch.wgsl";

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public AttentionBatchKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipeline(spec(gpu));
    }

    /** The pipeline this kernel uses, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(WebGpu gpu) {
        return new WebGpu.PipelineSpec(FILE, Set.of(), new String[] {"WG"}, new int[] {gpu.reductionWorkgroup()});
    }

    /**
     * Record with exactly {@code count} workgroups along y. Uniform: {heads, group, headDim, kvDim,
     * context, attnScale, attnSoftcap, window}; window: the layer's sliding window, 0 for a global layer.
     *
     * @param scores scratch of maxBatch * heads * context floats
     */
    public Dispatch bind(LlamaConfig c, int context, GPUBuffer batch, GPUBuffer q, GPUBuffer keyCache,
                         GPUBuffer valueCache, GPUBuffer scores, GPUBuffer out, int window) {
        GPUBuffer params = gpu.uniform("attention batch params", c.heads(), c.heads() / c.kvHeads(), c.headDim(), c.kvDim(),
                context, Float.floatToIntBits(c.attnScale()), Float.floatToIntBits(c.attnSoftcap()), window);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "attention batch", params, batch, q, keyCache, valueCache,
                scores, out), c.heads());
    }
}
