package dev.locara.gpu;

import dev.locara.model.LayerStep;
import dev.locara.model.LlamaConfig;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * attention.wgsl: the new token's RoPE and its attention over the positions so far. On a GPU one
 * workgroup per query head; on a CPU-emulated adapter, where heads are a multiple of 8 wide, one
 * invocation per head (the kernel's PER_HEAD).
 */
public final class AttentionKernel {
    /** The model's attention shape and the layer's window and RoPE base. */
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "heads: u32", "group: u32", "head_dim: u32",
            "kv_dim: u32", "ctx: u32", "scale: f32", "softcap: f32", "window: u32", "rope_dim: u32", "log2_theta: f32",
            "neox: u32");
    static final KernelFile SOURCE = new KernelFile("attention.wgsl", PARAMS, UniformLayout.TOKEN);
    /** The widest head the kernel takes: MAX_HEAD_DIM in attention.wgsl. */
    static final int MAX_HEAD_DIM = 256;
    /** Invocations per workgroup of the per-head shape: the demo model's 8 heads make two, one per core. */
    static final int PER_HEAD_WG = 4;

    /**
     * attention.wgsl's storage bindings, in its order.
     *
     * @param q       the token's query heads, not yet turned
     * @param kNew    the token's key heads (kvDim values), not yet turned
     * @param scores  scratch of heads * context floats
     * @param factors ropeDim / 2 divisors of the frequencies (ones when the model has none)
     */
    public record Buffers(GPUBuffer q, GPUBuffer keyCache, GPUBuffer valueCache, GPUBuffer scores, GPUBuffer out,
                          GPUBuffer kNew, GPUBuffer factors) {
    }

    private final WebGpu gpu;
    private final LlamaConfig c;
    private final int context;
    private final boolean perHead;
    private final GPUPipeline.Compute pipeline;

    public AttentionKernel(WebGpu gpu, LlamaConfig c, int context) {
        this.gpu = gpu;
        this.c = c;
        this.context = context;
        this.perHead = cpuShape(gpu, c);
        this.pipeline = gpu.pipelines().get(spec(gpu, c));
    }

    /**
     * Whether attention runs without workgroups' reductions (PER_HEAD here, attention_batch.wgsl's
     * PER_QUERY for a prompt): on CPU-emulated adapters, for heads a multiple of 8 wide (both walk a
     * head two vec4 slices at a time).
     */
    static boolean cpuShape(WebGpu gpu, LlamaConfig c) {
        return gpu.cpuShapes() && c.headDim() % 8 == 0;
    }

    /** The pipeline this kernel uses for {@code c}, for {@link PipelineCache#startCompiling}. */
    static PipelineSpec spec(WebGpu gpu, LlamaConfig c) {
        // GpuLlama asks for the specs before the weights stream, so a model this kernel cannot run
        // is refused before its download is read.
        if (c.headDim() > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("Attention heads of " + c.headDim() + " values are wider than the "
                    + MAX_HEAD_DIM + " this engine's decode kernel takes; choose a model with heads of at most " + MAX_HEAD_DIM + ".");
        }
        boolean perHead = cpuShape(gpu, c);
        return new PipelineSpec(SOURCE.name(), perHead ? Set.of("PER_HEAD") : Set.of(),
                Map.of("WG", perHead ? PER_HEAD_WG : gpu.reductionWorkgroup()));
    }

    /** The model's attention shape, the fields attention.wgsl and attention_batch.wgsl share. */
    static UniformLayout.Values shape(UniformLayout layout, LlamaConfig c, int context, LayerStep.Attention layer) {
        return layout.values().u32("heads", c.heads()).u32("group", c.heads() / c.kvHeads()).u32("head_dim", c.headDim())
                .u32("kv_dim", c.kvDim()).u32("ctx", context).f32("scale", c.attnScale()).f32("softcap", c.attnSoftcap())
                .u32("window", layer.window());
    }

    /** log2 of a RoPE base, as the kernels take it. */
    static float log2(float theta) {
        return (float) (Math.log(theta) / Math.log(2));
    }

    /**
     * Turns q and the new key (RoPE) and attends as {@code layer} says: the turned key goes into the
     * cache row of this position, which the q-k-v projection left unwritten (its v row written).
     */
    public Dispatch bind(LayerStep.Attention layer, GPUBuffer token, Buffers b) {
        GPUBuffer params = shape(PARAMS, c, context, layer).u32("rope_dim", c.ropeDim()).f32("log2_theta", log2(layer.ropeTheta()))
                .flag("neox", c.ropeNeox()).write(gpu.buffers(), "attention params");
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "attention", params, token, b.q(), b.keyCache(), b.valueCache(),
                b.scores(), b.out(), b.kNew(), b.factors()), perHead ? Dispatch.groups(c.heads(), PER_HEAD_WG) : c.heads());
    }
}
