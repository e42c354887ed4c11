package dev.locara.gpu;

import dev.locara.embed.Pooling;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/** pooling.wgsl: one unit vector per sequence of a packed batch (CLS, mean or last token, then L2-normalized), a workgroup each. */
public final class PoolingKernel {
    static final UniformLayout PARAMS = UniformLayout.struct("Params", "dim: u32", "mode: u32");
    static final KernelFile SOURCE = new KernelFile("pooling.wgsl", PARAMS);

    private final WebGpu gpu;
    private final GPUPipeline.Compute pipeline;

    public PoolingKernel(WebGpu gpu) {
        this.gpu = gpu;
        this.pipeline = gpu.pipelines().get(spec(gpu));
    }

    static PipelineSpec spec(WebGpu gpu) {
        return PipelineSpec.of(SOURCE.name(), gpu.reductionWorkgroup());
    }

    /** out[s] = normalize(pool(x over spans[s])); record one workgroup per sequence. */
    public Dispatch bind(GPUBuffer spans, GPUBuffer x, GPUBuffer out, int dim, Pooling pooling) {
        int mode = switch (pooling) {
            case CLS -> 0;
            case MEAN -> 1;
            case LAST -> 2;
            default -> throw new IllegalArgumentException("Pooling " + pooling + " makes no single vector per sequence.");
        };
        GPUBuffer params = PARAMS.values().u32("dim", dim).u32("mode", mode).write(gpu.buffers(), "pooling params");
        return new Dispatch(pipeline, gpu.bindGroup(pipeline, "pooling", params, spans, x, out), 1);
    }
}
