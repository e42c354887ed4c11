package dev.locara.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** embed_batch.wgsl: the rows of a batch of token ids, one invocation per 32 values of one token's row. */
public final class EmbedBatchKernel {
    static final String FILE = "embed_batch.wgsl";
    static final int WORKGROUP = 64;

    private final WebGpu gpu;

    public EmbedBatchKernel(WebGpu gpu) {
        this.gpu = gpu;
    }

    /**
     * y[t, :] = table[ids[t], :] for t below batch.count, one dispatch per split; record with
     * {@code count} workgroups along y. Uniform per split: {cols, rowWords, firstRow, rows}.
     */
    public List<Dispatch> bind(GpuTensor table, GPUBuffer batch, GPUBuffer ids, GPUBuffer y, float scale) {
        GPUPipeline.Compute pipeline = gpu.pipeline(spec(table.layout));
        List<Dispatch> dispatches = new ArrayList<>();
        for (GpuTensor.Split s : table.splits) {
            GPUBuffer params = gpu.uniform("embed batch params", table.cols, (int) (table.rowBytes / 4), s.firstRow(), s.rows(),
                    Float.floatToIntBits(scale));
            dispatches.add(new Dispatch(pipeline, gpu.bindGroup(pipeline, "embed batch", params, batch, ids, s.buffer(), y),
                    Dispatch.groups(Dispatch.groups(table.cols, PackedLayout.CHUNK), WORKGROUP)));
        }
        return dispatches;
    }

    /** The pipeline for a table of {@code layout}, for {@link WebGpu#startCompiling}. */
    static WebGpu.PipelineSpec spec(PackedLayout layout) {
        return new WebGpu.PipelineSpec(FILE, Set.of(layout.define()), new String[] {"WG"}, new int[] {WORKGROUP});
    }
}
