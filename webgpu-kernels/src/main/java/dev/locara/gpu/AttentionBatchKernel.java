package dev.locara.gpu;

import dev.locara.model.LayerStep;
import dev.locara.model.LlamaConfig;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * attention_batch.wgsl: causal attention of a batch of query tokens over the cache. On a GPU one
 * workgroup per (query head, query token); on a CPU-emulated adapter, where heads are a multiple of
 * 8 wide, one invocation per 4 neighbouring query tokens of a head (the kernel's PER_QUERY).
 */
public final class AttentionBatchKernel {
    /** attention.wgsl's shape fields, and the scores' stride ({@link #scoreStride}). */
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "heads: u32", "group: u32", "head_dim: u32",
            "kv_dim: u32", "ctx: u32", "scale: f32", "softcap: f32", "window: u32", "stride: u32");
    static final KernelFile SOURCE = new KernelFile("attention_batch.wgsl", PARAMS, UniformLayout.BATCH);
    /**
     * Invocations per workgroup of the per-query shape: it has no barriers, so only the count of
     * workgroups matters.
     */
    static final int PER_QUERY_WG = 16;

    /** attention_batch.wgsl's storage bindings, in its order; scores: scratch of {@link #scoreStride} * heads * context floats. */
    public record Buffers(GPUBuffer q, GPUBuffer keyCache, GPUBuffer valueCache, GPUBuffer scores, GPUBuffer out) {
    }

    private final WebGpu gpu;
    private final LlamaConfig c;
    private final int context;
    private final int maxBatch;
    private final boolean perQuery;
    private final GPUPipeline.Compute pipeline;

    /** For chunks of at most {@code maxBatch} tokens over a cache of {@code context} positions. */
    public AttentionBatchKernel(WebGpu gpu, LlamaConfig c, int context, int maxBatch) {
        this.gpu = gpu;
        this.c = c;
        this.context = context;
        this.maxBatch = maxBatch;
        this.perQuery = AttentionKernel.cpuShape(gpu, c);
        this.pipeline = gpu.pipelines().get(spec(gpu, c));
    }

    /** The pipeline this kernel uses for {@code c}, for {@link PipelineCache#startCompiling}. */
    static PipelineSpec spec(WebGpu gpu, LlamaConfig c) {
        boolean perQuery = AttentionKernel.cpuShape(gpu, c);
        return new PipelineSpec(SOURCE.name(), perQuery ? Set.of("PER_QUERY") : Set.of(),
                Map.of("WG", perQuery ? PER_QUERY_WG : gpu.reductionWorkgroup()));
    }

    /** Workgroups along x for a batch of {@code count} tokens: heads, or groups of 4 tokens in the per-query shape. */
    int groupsX(int count) {
        return perQuery ? Dispatch.groups(Dispatch.groups(count, 4), PER_QUERY_WG) : c.heads();
    }

    /** Workgroups along y for a batch of {@code count} tokens: tokens, or heads in the per-query shape. */
    int groupsY(int count) {
        return perQuery ? c.heads() : count;
    }

    /** Floats of the scores scratch per (head, position): the per-query shape keeps whole groups of 4 tokens in a row. */
    int scoreStride() {
        return perQuery ? Dispatch.groups(maxBatch, 4) * 4 : maxBatch;
    }

    /**
     * The dispatch for a full batch of the layer's attention; a chunk of fewer tokens records
     * {@link #groupsX} by {@link #groupsY} of its own.
     */
    public Dispatch bind(LayerStep.Attention layer, GPUBuffer batch, Buffers b) {
        GPUBuffer params = AttentionKernel.shape(PARAMS, c, context, layer).u32("stride", scoreStride())
                .write(gpu.buffers(), "attention batch params");
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "attention batch", params, batch, b.q(), b.keyCache(),
                b.valueCache(), b.scores(), b.out()), groupsX(maxBatch), groupsY(maxBatch));
    }
}
