package dev.locara.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** embed.wgsl: the token's row of the embedding table, dequantized, one invocation per 32 values. */
public final class EmbedKernel {
    static final String FILE = "embed.wgsl";
    static final int WORKGROUP = 64;

    private final WebGpu gpu;

    public EmbedKernel(WebGpu gpu) {
        this.gpu = gpu;
    }

    /** y = table[token.id, :] * scale, one dispatch per split. Uniform per split: {cols, rowWords, firstRow, rows, scale}. */
    public List<Dispatch> bind(GpuTensor table, GPUBuffer token, GPUBuffer y, float scale) {
        GPUPipeline.Compute pipeline = gpu.pipeline(spec(table.layout));
        List<Dispatch> dispatches = new ArrayList<>();
        for (GpuTensor.Split s : table.splits) {
            GPUBuffer params = gpu.uniform("embed params", table.cols, (int) (table.rowBytes / 4), s.firstRow(), s.rows(),
                    Float.floatToIntBits(scale));
            dispatches.add(new Dispatch(pipeline, gpu.bindGroup(pipeline, "embed", params, token, s.buffer(), y),
                    Dispatch.groups(Dispatch.groups(table.cols, PackedLayout.CHUNK), WORKGROUP)));
        }
        return dispatches;
    }

    /** The pipeline for a table of {@code layout}, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(PackedLayout layout) {
        return new WebGpu.PipelineSpec(FILE, Set.of(layout.define()), new String[] {"WG"}, new int[] {WORKGROUP});
    }
}
