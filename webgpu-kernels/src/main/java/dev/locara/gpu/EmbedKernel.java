package dev.locara.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** embed.wgsl: the token's row of the embedding table, dequantized, one invocation per 32 values. */
public final class EmbedKernel {
    /** The split's rows of the table, and the factor on each value (Gemma: sqrt(dim)); embed_batch.wgsl's too. */
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "cols: u32", "row_words: u32", "first_row: u32",
            "rows: u32", "scale: f32");
    static final KernelFile SOURCE = new KernelFile("embed.wgsl", PARAMS, UniformLayout.TOKEN);
    static final int WORKGROUP = 64;

    private final WebGpu gpu;

    public EmbedKernel(WebGpu gpu) {
        this.gpu = gpu;
    }

    /** y = table[token.id, :] * scale, one dispatch per split. */
    public List<Dispatch> bind(GpuTensor table, GPUBuffer token, GPUBuffer y, float scale) {
        return bind(gpu, SOURCE, table, scale, (pipeline, params, s) -> gpu.bindGroup(pipeline, "embed", params, token, s.buffer(), y));
    }

    /** What a split's bind group binds besides the uniform. */
    interface Bindings {
        GPUBindGroup of(GPUPipeline.Compute pipeline, GPUBuffer params, GpuTensor.Split s);
    }

    /** One dispatch per split of {@code table} for embed.wgsl or embed_batch.wgsl, each with its rows' uniform. */
    static List<Dispatch> bind(WebGpu gpu, KernelFile file, GpuTensor table, float scale, Bindings bindings) {
        GPUPipeline.Compute pipeline = gpu.pipelines().get(spec(file, table.layout));
        List<Dispatch> dispatches = new ArrayList<>();
        for (GpuTensor.Split s : table.splits) {
            GPUBuffer params = PARAMS.values().u32("cols", table.cols).u32("row_words", (int) (table.rowBytes / 4))
                    .u32("first_row", s.firstRow()).u32("rows", s.rows()).f32("scale", scale)
                    .write(gpu.buffers(), file.name() + " params");
            dispatches.add(new Dispatch(pipeline, bindings.of(pipeline, params, s),
                    Dispatch.groups(Dispatch.groups(table.cols, PackedLayout.CHUNK), WORKGROUP)));
        }
        return dispatches;
    }

    /** The pipeline of {@code file} for a table of {@code layout}, for {@link PipelineCache#startCompiling}. */
    static PipelineSpec spec(KernelFile file, PackedLayout layout) {
        return new PipelineSpec(file.name(), Set.of(layout.define()), Map.of("WG", WORKGROUP));
    }
}
