package dev.locara.gpu;

import dev.locara.model.LlamaConfig;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * attention.wgsl: the new token's RoPE and its attention over the positions so far. On a GPU one
 * workgroup per query head; on a CPU-emulated adapter, where heads are a multiple of 8 wide, one
 * invocation per head (the kernel's PER_HEAD).
 */
public final class AttentionKernel {
    static final String FILE = "attention.wgsl";
    /** The widest head the kernel takes; MAX_HEAD_DIM in attention.wgsl must match. */
    static final int MAX_HEAD_DIM = 256;

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
        // GpuLlama asks for the specs before the weights stream, so a model this kernel cannot run
        // is refused before its download is read.
        if (c.headDim() > MAX_HEAD_DIM) {
            throw new IllegalArgumentException("Attention heads of " + c.headDim() + " values are wider than the "
                    + MAX_HEAD_DIM + " this engine's decode kernel takes; choose a model with heads of at most " + MAX_HEAD_DIM + ".");
        }
        boolean perHead = cpuShape(gpu, c);
        return new WebGpu.PipelineSpec(FILE, perHead ? Set.of("PER_HEAD") : Set.of(), new String[] {"WG"},
                new int[] {perHead ? PER_HEAD_WG : gpu.reductionWorkgroup()});
    }

    /**
     * Turns q and the new key {@code kNew} (RoPE) and attends: the turned key goes into the cache
     * row of this position, which the q-k-v projection left unwritten (its v row written). Uniform:
     * {heads, group, headDim, kvDim, context, attnScale, attnSoftcap, window, ropeDim,
     * log2(theta), neox}; window: the layer's sliding window, 0 for a global layer.
     *
     * @param q       the token's query heads, not yet turned
     * @param kNew    the token's key heads (kvDim values), not yet turned
     * @param scores  scratch of heads * context floats
     * @param theta   the layer's RoPE base ({@link LlamaConfig#ropeTheta(int)})
     * @param factors ropeDim / 2 divisors of the frequencies (ones when the model has none)
     */
    public Dispatch bind(LlamaConfig c, int context, GPUBuffer q, GPUBuffer kNew, GPUBuffer keyCache, GPUBuffer valueCache,
                         GPUBuffer scores, GPUBuffer out, GPUBuffer token, int window, float theta, GPUBuffer factors) {
        GPUBuffer params = gpu.uniform("attention params", c.heads(), c.heads() / c.kvHeads(), c.headDim(), c.kvDim(),
                context, Float.floatToIntBits(c.attnScale()), Float.floatToIntBits(c.attnSoftcap()), window, c.ropeDim(),
                Float.floatToIntBits((float) (Math.log(theta) / Math.log(2))), c.ropeNeox() ? 1 : 0, 0);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "attention", params, token, q, keyCache, valueCache, scores, out,
                kNew, factors), perHead ? Dispatch.groups(c.heads(), PER_HEAD_WG) : c.heads());
    }
}
