package dev.locara.gpu;

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
        this.pipeline = gpu.pipeline(FILE, new String[] {"WG"}, new int[] {WORKGROUP});
    }

    /** Uniform: {headDim, heads, kvHeads, ropeDim, kvDim, log2(theta)}. */
    public Dispatch bind(LlamaConfig c, GPUBuffer q, GPUBuffer keyCache, GPUBuffer token) {
        GPUBuffer params = gpu.uniform("rope params", c.headDim(), c.heads(), c.kvHeads(), c.ropeDim(), c.kvDim(),
                Float.floatToIntBits((float) (Math.log(c.ropeTheta()) / Math.log(2))));
        int pairs = (c.heads() + c.kvHeads()) * (c.ropeDim() / 2);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "rope", params, token, q, keyCache),
                Dispatch.groups(pairs, WORKGROUP));
    }
}
