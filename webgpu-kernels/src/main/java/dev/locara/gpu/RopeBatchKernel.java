package dev.locara.gpu;

import java.util.Set;
import dev.locara.model.LlamaConfig;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * rope_batch.wgsl: rotates a batch's queries in place and stores its rotated keys and its values
 * into the KV cache rows of the batch, one invocation per pair of head values per token.
 */
public final class RopeBatchKernel {
    static final String FILE = "rope_batch.wgsl";
    static final int WORKGROUP = 64;

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public RopeBatchKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipeline(spec(gpu));
    }

    /** The pipeline this kernel uses, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(WebGpu gpu) {
        return new WebGpu.PipelineSpec(FILE, Set.of(), new String[] {"WG"}, new int[] {WORKGROUP});
    }

    /** Record with {@code count} workgroups along y. Uniform: {headDim, heads, kvHeads, ropeDim, kvDim, log2(theta), neox};
     * theta and factors as in {@link AttentionKernel#bind}. */
    public Dispatch bind(LlamaConfig c, GPUBuffer batch, GPUBuffer q, GPUBuffer k, GPUBuffer v, GPUBuffer keyCache,
                         GPUBuffer valueCache, float theta, GPUBuffer factors) {
        GPUBuffer params = gpu.uniform("rope batch params", c.headDim(), c.heads(), c.kvHeads(), c.ropeDim(), c.kvDim(),
                Float.floatToIntBits((float) (Math.log(theta) / Math.log(2))), c.ropeNeox() ? 1 : 0);
        int pairs = (c.heads() + c.kvHeads()) * (c.headDim() / 2);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "rope batch", params, batch, q, k, v, keyCache, valueCache, factors),
                Dispatch.groups(pairs, WORKGROUP));
    }
}
