package dev.locara.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** matvec.wgsl: one token's y = W x for weights of any packed type, ROWS rows per invocation. */
public final class MatVecKernel {
    static final String FILE = "matvec.wgsl";
    static final int WORKGROUP = 64;
    /** Must match ROWS in matvec.wgsl. */
    static final int ROWS = 4;

    private final WebGpu gpu;

    public MatVecKernel(WebGpu gpu) {
        this.gpu = gpu;
    }

    private GPUPipeline.Compute pipeline(PackedLayout layout, boolean bias) {
        return gpu.pipeline(FILE, bias ? Set.of(layout.define(), "BIAS") : Set.of(layout.define()),
                new String[] {"WG"}, new int[] {WORKGROUP});
    }

    /**
     * y[pos * posStride + r] (+)= W[r, :] . x, one dispatch per split of W. Uniform per split:
     * {rows, cols, rowWords, firstRow, accumulate, posStride}.
     *
     * @param posStride 0 for an ordinary output; the row width to write into a KV-cache row
     */
    public List<Dispatch> bind(GpuTensor w, GPUBuffer x, GPUBuffer y, GPUBuffer token, boolean accumulate, int posStride) {
        return bind(w, x, y, token, accumulate, posStride, null, 0f);
    }

    /**
     * The same, adding {@code bias[r]} to each row when bias is non-null, and storing
     * {@code softcap * tanh(y / softcap)} when softcap > 0. Uniform per split: {rows, cols, rowWords,
     * firstRow, accumulate, posStride, wordOffset, softcap}.
     */
    public List<Dispatch> bind(GpuTensor w, GPUBuffer x, GPUBuffer y, GPUBuffer token, boolean accumulate, int posStride,
                               GPUBuffer bias, float softcap) {
        GPUPipeline.Compute pipeline = pipeline(w.layout, bias != null);
        List<Dispatch> dispatches = new ArrayList<>();
        for (GpuTensor.Split s : w.splits) {
            GPUBuffer params = gpu.uniform("matvec params", s.rows(), w.cols, (int) (w.rowBytes / 4), s.firstRow(),
                    accumulate ? 1 : 0, posStride, s.wordOffset(), Float.floatToIntBits(softcap));
            GPUBindGroup group = bias == null ? gpu.bindGroup(pipeline, "matvec", params, token, s.buffer(), x, y)
                    : gpu.bindGroup(pipeline, "matvec", params, token, s.buffer(), x, y, bias);
            dispatches.add(new Dispatch(pipeline, group, Dispatch.groups(Dispatch.groups(s.rows(), ROWS), WORKGROUP)));
        }
        return dispatches;
    }
}
