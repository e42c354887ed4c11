package dev.locara.bench.worker;

import dev.locara.gpu.WebGpu;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * The adapter's own limits, measured with the probe kernels (bench/src/main/wgsl): streaming read
 * bandwidth, fused-multiply-add throughput and the cost of one dispatch. Each figure is the best
 * of a few repetitions after a warm-up run, because on a shared machine the slow runs measure the
 * neighbours, not the adapter.
 */
final class Probes {
    private static final int REPEATS = 3;
    private static final long READ_BYTES = 128L << 20; // well past any CPU cache, so SwiftShader reads memory

    private Probes() {
    }

    static void run(WebGpu gpu, Results r) {
        read(gpu, r);
        fma(gpu, r);
        dispatch(gpu, r);
    }

    /** Sweeps workgroup size and count, keeps the fastest: the read limit decode is compared with. */
    private static void read(WebGpu gpu, Results r) {
        long bytes = Math.min(READ_BYTES, gpu.bindingLimit() / 16 * 16);
        int vec4s = (int) (bytes / 16);
        GPUBuffer src = gpu.storage(bytes, "probe read source");
        GPUBuffer sink = gpu.storage(4L * 256 * 4096, "probe read sink");
        GPUBuffer params = gpu.uniform("probe read params", vec4s);
        double best = 0;
        String bestShape = "";
        for (int wg : new int[] {64, 256}) {
            GPUPipeline.Compute pipeline = gpu.pipeline("probe_read.wgsl", new String[] {"WG", "UNROLL"}, new int[] {wg, 4});
            GPUBindGroup group = gpu.bindGroup(pipeline, "probe read", src, sink, params);
            for (int groups : new int[] {8, 32, 128, 512, 4096 * 256 / wg}) {
                double ms = bestMs(gpu, pipeline, group, groups, 1);
                double gbs = bytes / (ms * 1e6);
                if (gbs > best) {
                    best = gbs;
                    bestShape = "workgroup " + wg + " x " + groups + " groups";
                }
            }
        }
        r.put("readGBs", best).put("readShape", bestShape).put("readBytes", (double) bytes);
    }

    private static void fma(WebGpu gpu, Results r) {
        int invocations = 65536;
        int iterations = 1024;
        GPUBuffer sink = gpu.storage(4L * invocations, "probe fma sink");
        GPUBuffer params = gpu.uniform("probe fma params", iterations);
        double flops = (double) invocations * iterations * 8 /* chains */ * 4 /* lanes */ * 2;
        double best = 0;
        for (int wg : new int[] {64, 256}) {
            GPUPipeline.Compute pipeline = gpu.pipeline("probe_fma.wgsl", new String[] {"WG"}, new int[] {wg});
            GPUBindGroup group = gpu.bindGroup(pipeline, "probe fma", sink, params);
            double ms = bestMs(gpu, pipeline, group, invocations / wg, 1);
            best = Math.max(best, flops / (ms * 1e6));
        }
        r.put("fmaGflops", best);
    }

    /** The difference between many and few dispatches in one pass, so submission and sync costs cancel. */
    private static void dispatch(WebGpu gpu, Results r) {
        GPUBuffer sink = gpu.storage(16, "probe dispatch sink");
        GPUBuffer params = gpu.uniform("probe dispatch params", Float.floatToIntBits(1f));
        GPUPipeline.Compute pipeline = gpu.pipeline("probe_dispatch.wgsl", new String[0], new int[0]);
        GPUBindGroup group = gpu.bindGroup(pipeline, "probe dispatch", sink, params);
        int few = 20;
        int many = 2020;
        double fewMs = bestMs(gpu, pipeline, group, 1, few);
        double manyMs = bestMs(gpu, pipeline, group, 1, many);
        r.put("dispatchUs", (manyMs - fewMs) * 1000 / (many - few));
    }

    /** Best wall time of {@code dispatches} launches recorded in one pass, submitted and drained. */
    private static double bestMs(WebGpu gpu, GPUPipeline.Compute pipeline, GPUBindGroup group, int workgroups, int dispatches) {
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep <= REPEATS; rep++) {
            double t0 = Clock.now();
            GPUCommandEncoder encoder = gpu.device().createCommandEncoder();
            GPUComputePassEncoder pass = encoder.beginComputePass();
            pass.setPipeline(pipeline);
            pass.setBindGroup(0, group);
            for (int i = 0; i < dispatches; i++) {
                pass.dispatchWorkgroups(workgroups);
            }
            pass.end();
            JSArray<GPUCommandEncoder.CommandBuffer> commands = JSArray.create();
            commands.push(encoder.finish());
            gpu.queue().submit(commands);
            Clock.drain(gpu);
            double ms = Clock.now() - t0;
            if (rep > 0) { // rep 0 warms up: pipeline first use, memory first touch
                best = Math.min(best, ms);
            }
        }
        gpu.throwIfFailed();
        return best;
    }
}
