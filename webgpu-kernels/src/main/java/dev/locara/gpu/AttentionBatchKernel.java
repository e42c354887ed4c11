package dev.locara.gpu;

import dev.locara.model.LlamaConfig;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * attention_batch.wgsl: causal attention of a batch of query tokens over the cache. On a GPU one
 * workgroup per (query head, query token); on a CPU-emulated adapter, where heads are a multiple of
 * 8 wide, one invocation per 4 neighbouring query tokens of a head (the kernel's PER_QUERY).
 */
public final class AttentionBatchKernel {
    static final String FILE = "attention_batch.wgsl";

    /**
     * Invocations per workgroup of the per-query shape: it has no barriers, so only the count of
     * workgroups matters (4 and 16 measured alike).
     */
    static final int PER_QUERY_WG = 16;
    private final WebGpu gpu;
    private final boolean perQuery;
    private final GPUPipeline.Compute pipeline;

    public AttentionBatchKernel(WebGpu gpu, LlamaConfig c) {
        this.gpu = gpu;
        this.perQuery = AttentionKernel.cpuShape(gpu, c);
        this.pipeline = gpu.pipeline(spec(gpu, c));
    }

    /** The pipeline this kernel uses for {@code c}, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(WebGpu gpu, LlamaConfig c) {
        boolean perQuery = AttentionKernel.cpuShape(gpu, c);
        return new WebGpu.PipelineSpec(FILE, perQuery ? Set.of("PER_QUERY") : Set.of(), new String[] {"WG"},
                new int[] {perQuery ? PER_QUERY_WG : gpu.reductionWorkgroup()});
    }

    /** Workgroups along x for a batch of {@code count} tokens: heads, or groups of 4 tokens in the per-query shape. */
    int groupsX(LlamaConfig c, int count) {
        return perQuery ? Dispatch.groups(Dispatch.groups(count, 4), PER_QUERY_WG) : c.heads();
    }

    /** Workgroups along y for a batch of {@code count} tokens: tokens, or heads in the per-query shape. */
    int groupsY(LlamaConfig c, int count) {
        return perQuery ? c.heads() : count;
    }

    /**
     * Floats of the scores scratch per (head, position) for chunks of at most {@code maxBatch}
     * tokens: the per-query shape keeps whole groups of 4 tokens in a row.
     */
    int scoreStride(int maxBatch) {
        return perQuery ? Dispatch.groups(maxBatch, 4) * 4 : maxBatch;
    }

    /**
     * The dispatch for a full batch; a chunk of fewer tokens records {@link #groupsX} by
     * {@link #groupsY} of its own. Uniform: {heads, group, headDim, kvDim, context, attnScale,
     * attnSoftcap, window, stride}; window: the layer's sliding window, 0 for a global layer;
     * stride: {@link #scoreStride}.
     *
     * @param scores scratch of scoreStride(maxBatch) * heads * context floats
     */
    public Dispatch bind(LlamaConfig c, int context, int maxBatch, GPUBuffer batch, GPUBuffer q, GPUBuffer keyCache,
                         GPUBuffer valueCache, GPUBuffer scores, GPUBuffer out, int window) {
        GPUBuffer params = gpu.uniform("attention batch params", c.heads(), c.heads() / c.kvHeads(), c.headDim(), c.kvDim(),
                context, Float.floatToIntBits(c.attnScale()), Float.floatToIntBits(c.attnSoftcap()), window, scoreStride(maxBatch));
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "attention batch", params, batch, q, keyCache, valueCache,
                scores, out), groupsX(c, maxBatch), groupsY(c, maxBatch));
    }
}
