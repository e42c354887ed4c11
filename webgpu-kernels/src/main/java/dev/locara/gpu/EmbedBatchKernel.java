package dev.locara.gpu;

import java.util.List;
import org.teavm.jso.webgpu.GPUBuffer;

/** embed_batch.wgsl: the rows of a batch of token ids, one invocation per 32 values of one token's row. */
public final class EmbedBatchKernel {
    static final KernelFile SOURCE = new KernelFile("embed_batch.wgsl", EmbedKernel.PARAMS, UniformLayout.BATCH);

    private final WebGpu gpu;

    public EmbedBatchKernel(WebGpu gpu) {
        this.gpu = gpu;
    }

    /** y[t, :] = table[ids[t], :] * scale for t below batch.count, one dispatch per split; record with {@code count} workgroups along y. */
    public List<Dispatch> bind(GpuTensor table, GPUBuffer batch, GPUBuffer ids, GPUBuffer y, float scale) {
        return EmbedKernel.bind(gpu, SOURCE, table, scale,
                (pipeline, params, s) -> gpu.bindGroup(pipeline, "embed batch", params, batch, ids, s.buffer(), y));
    }
}
