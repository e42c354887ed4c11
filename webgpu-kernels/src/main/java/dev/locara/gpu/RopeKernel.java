package dev.locara.gpu;

import java.util.Set;
import dev.locara.model.LlamaConfig;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** rope.wgsl: one invocation per rotated pair, query heads and this token's key heads together. */
public final class RopeKernel {
    static final String FILE = "rope.wgsl";
    static final int WORKGROUP = 64;

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public RopeKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipeline(spec(gpu));
    }

    /** The pipeline this kernel uses, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(WebGpu gpu) {
        return new WebGpu.PipelineSpec(FILE, Set.of(), new String[] {"WG"}, new int[] {WORKGROUP});
    }

    /**
     * Uniform: {headDim, heads, kvHeads, ropeDim, kvDim, log2(theta), neox}.
     *
     * @param theta   the layer's frequency base ({@link LlamaConfig#ropeTheta(int)})
     * @param factors ropeDim / 2 divisors of the frequencies (ones when the model has none)
     */
    public Dispatch bind(LlamaConfig c, GPUBuffer q, GPUBuffer keyCache, GPUBuffer token, float theta, GPUBuffer factors) {
        GPUBuffer params = gpu.uniform("rope params", c.headDim(), c.heads(), c.kvHeads(), c.ropeDim(), c.kvDim(),
                Float.floatToIntBits((float) (Math.log(theta) / Math.log(2))), c.ropeNeox() ? 1 : 0);
        int pairs = (c.heads() + c.kvHeads()) * (c.ropeDim() / 2);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "rope", params, token, q, keyCache, factors),
                Dispatch.groups(pairs, WORKGROUP));
    }
}
