package dev.locara.gpu;

import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** matvec_f32.wgsl: one output row per invocation. */
public final class MatVecF32Kernel {
    static final String FILE = "matvec_f32.wgsl";
    static final int WORKGROUP = 64;

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public MatVecF32Kernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipeline(FILE, new String[] {"WG"}, new int[] {WORKGROUP});
    }

    /**
     * y[pos * posStride + r] (+)= W[r, :] . x. Uniform: {rows, cols / 4, accumulate, posStride}.
     *
     * @param posStride 0 for an ordinary output; the row width to write into a KV-cache row
     */
    public Dispatch bind(GPUBuffer w, GPUBuffer x, GPUBuffer y, GPUBuffer token, int rows, int cols,
                         boolean accumulate, int posStride) {
        if (cols % 4 != 0) {
            throw new IllegalArgumentException("matvec_f32 needs a row width that is a multiple of 4, got " + cols + ".");
        }
        GPUBuffer params = gpu.uniform("matvec params", rows, cols / 4, accumulate ? 1 : 0, posStride);
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "matvec", params, token, w, x, y),
                Dispatch.groups(rows, WORKGROUP));
    }
}
