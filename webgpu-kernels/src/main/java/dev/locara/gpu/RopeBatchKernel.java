package dev.locara.gpu;

import dev.locara.model.LayerStep;
import dev.locara.model.LlamaConfig;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * rope_batch.wgsl: rotates a batch's queries in place and stores its rotated keys and its values
 * into the KV cache rows of the batch, one invocation per pair of head values per token.
 */
public final class RopeBatchKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "head_dim: u32", "q_heads: u32", "k_heads: u32",
            "rope_dim: u32", "kv_dim: u32", "log2_theta: f32", "neox: u32");
    static final KernelFile SOURCE = new KernelFile("rope_batch.wgsl", PARAMS, UniformLayout.BATCH);
    static final int WORKGROUP = 64;

    /** rope_batch.wgsl's storage bindings, in its order; factors as in {@link AttentionKernel.Buffers}. */
    public record Buffers(GPUBuffer q, GPUBuffer k, GPUBuffer v, GPUBuffer keyCache, GPUBuffer valueCache, GPUBuffer factors) {
    }

    private final WebGpu gpu;
    private final LlamaConfig c;
    private final GPUPipeline.Compute pipeline;

    public RopeBatchKernel(WebGpu gpu, LlamaConfig c) {
        this.gpu = gpu;
        this.c = c;
        this.pipeline = gpu.pipelines().get(spec());
    }

    /** The pipeline this kernel uses, for {@link PipelineCache#startCompiling}. */
    static PipelineSpec spec() {
        return PipelineSpec.of(SOURCE.name(), WORKGROUP);
    }

    /** The layer's RoPE (its base) for a batch; record with {@code count} workgroups along y. */
    public Dispatch bind(LayerStep.Attention layer, GPUBuffer batch, Buffers b) {
        GPUBuffer params = PARAMS.values().u32("head_dim", c.headDim()).u32("q_heads", c.heads()).u32("k_heads", c.kvHeads())
                .u32("rope_dim", c.ropeDim()).u32("kv_dim", c.kvDim()).f32("log2_theta", AttentionKernel.log2(layer.ropeTheta()))
                .flag("neox", c.ropeNeox()).write(gpu.buffers(), "rope batch params");
        int pairs = (c.heads() + c.kvHeads()) * (c.headDim() / 2);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "rope batch", params, batch, b.q(), b.k(), b.v(), b.keyCache(),
                b.valueCache(), b.factors()), Dispatch.groups(pairs, WORKGROUP));
    }
}
