package dev.locara.gpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.webgpu.GPUBindGroup;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUPipeline;

/**
 * The adapter's own limits, measured with the probe kernels (probe_read.wgsl, probe_fma.wgsl,
 * probe_dispatch.wgsl): streaming read bandwidth, fused-multiply-add throughput and the cost of
 * one dispatch. The benchmark (bench module) and the workbench's Benchmark panel both measure with
 * this class, so their figures compare. Each figure is the best of a few runs after a warm-up run,
 * because on a shared machine the slow runs measure the neighbours, not the adapter.
 *
 * <p>A user waits for this after a click, so the work is bounded where a slow adapter would make it
 * long (a CPU emulation such as SwiftShader streams about 1 GB/s): the read sweep times every shape
 * once and repeats only the fastest, and the FMA probe sizes its loop from a short calibration run.
 * On a GPU one dispatch is shorter than a submission's round trip, so a timed run repeats it and
 * the round trip is taken out ({@link #perDispatchMs}); the probes then take about a second.
 *
 * <p>It runs on the engine's own device, beside a loaded model: every probe buffer is released
 * before it returns, and the read buffer shrinks when the device has no room for it.
 */
public final class DeviceProbes {
    static final UniformLayout READ_PARAMS = UniformLayout.struct("Params", "count: u32");
    static final KernelFile READ = new KernelFile("probe_read.wgsl", READ_PARAMS);
    static final UniformLayout FMA_PARAMS = UniformLayout.struct("Params", "iterations: u32");
    static final KernelFile FMA = new KernelFile("probe_fma.wgsl", FMA_PARAMS);
    static final UniformLayout DISPATCH_PARAMS = UniformLayout.struct("Params", "value: f32");
    static final KernelFile DISPATCH = new KernelFile("probe_dispatch.wgsl", DISPATCH_PARAMS);
    private static final int REPEATS = 3;
    /** Read shapes timed again after the sweep: the fastest few, where the best figure will come from. */
    private static final int READ_FINALISTS = 2;
    /** Loop iterations of one FMA run, at most (4.3 GFLOP), and in its calibration run. */
    private static final int FMA_ITERATIONS = 1024;
    private static final int FMA_CALIBRATION_ITERATIONS = 32;
    /** How long one FMA run should take: long enough for the clock, short enough for a click. */
    private static final double FMA_RUN_MS = 50;
    /**
     * How long one timed read run should take. A GPU reads 128 MiB in tens of microseconds, less
     * than a submission's round trip, so a run repeats the dispatch until it lasts this long and the
     * round trip is taken out ({@link #perDispatchMs}); a CPU emulation needs one dispatch.
     */
    private static final double READ_RUN_MS = 20;
    /** The most dispatches one timed run records. */
    private static final int MAX_DISPATCHES = 512;
    private static final long READ_BYTES = 128L << 20; // well past any GPU's last-level cache, so reads reach memory
    private static final long MIN_READ_BYTES = 16L << 20; // below this a GPU's cache would answer, not its memory

    private DeviceProbes() {
    }

    /** Runs the three probes; {@code onProbe} hears the name of each before it starts (for progress reports). */
    public static DeviceLimits measure(WebGpu gpu, Consumer<String> onProbe) {
        onProbe.accept("read");
        Read read = read(gpu);
        onProbe.accept("fma");
        double fma = fma(gpu);
        onProbe.accept("dispatch");
        double dispatch = dispatch(gpu);
        gpu.throwIfFailed();
        return new DeviceLimits(read.gbs, read.shape, fma, dispatch);
    }

    private record Read(double gbs, String shape) {
    }

    /** A workgroup size and count of the read probe, ready to dispatch, and its best time so far. */
    private static final class Shape {
        final int wg;
        final int groups;
        final GPUPipeline.Compute pipeline;
        final GPUBindGroup bindGroup;
        double ms;

        Shape(int wg, int groups, GPUPipeline.Compute pipeline, GPUBindGroup bindGroup) {
            this.wg = wg;
            this.groups = groups;
            this.pipeline = pipeline;
            this.bindGroup = bindGroup;
        }
    }

    /**
     * Sweeps workgroup size and count and keeps the fastest: the read limit decode is compared with.
     * Every shape runs once, then the fastest few {@link #REPEATS} times more; the others are far
     * enough behind that more runs would not make them the best.
     */
    private static Read read(WebGpu gpu) {
        long bytes = Math.min(READ_BYTES, gpu.bindingLimit() / 16 * 16);
        GPUBuffer src = gpu.buffers().storageIfRoom(bytes, "probe read source");
        while (src == null && bytes / 2 >= MIN_READ_BYTES) {
            bytes /= 2;
            src = gpu.buffers().storageIfRoom(bytes, "probe read source");
        }
        if (src == null) {
            throw new InsufficientGpuMemoryException(MIN_READ_BYTES, 0, "The read probe needs "
                    + InsufficientGpuMemoryException.size(MIN_READ_BYTES) + " of GPU memory beside the model and the"
                    + " device has no room left: try a smaller model or a shorter context.");
        }
        GPUBuffer sink = gpu.buffers().storage(4L * 256 * 4096, "probe read sink");
        GPUBuffer params = READ_PARAMS.values().u32("count", (int) (bytes / 16)).write(gpu.buffers(), "probe read params");
        try {
            List<Shape> shapes = new ArrayList<>();
            for (int wg : new int[] {64, 256}) {
                GPUPipeline.Compute pipeline = gpu.pipelines().get(new PipelineSpec(READ.name(), Set.of(), Map.of("WG", wg, "UNROLL", 4)));
                GPUBindGroup group = gpu.bindGroup(pipeline, "probe read", src, sink, params);
                timeMs(gpu, pipeline, group, 512, 1); // warm-up: the pipeline's first use, the buffer's first touch
                for (int groups : new int[] {8, 32, 128, 512, 4096 * 256 / wg}) {
                    Shape shape = new Shape(wg, groups, pipeline, group);
                    shape.ms = perDispatchMs(gpu, pipeline, group, groups, READ_RUN_MS);
                    shapes.add(shape);
                }
            }
            shapes.sort(Comparator.comparingDouble(shape -> shape.ms));
            for (Shape shape : shapes.subList(0, READ_FINALISTS)) {
                for (int rep = 0; rep < REPEATS; rep++) {
                    shape.ms = Math.min(shape.ms, perDispatchMs(gpu, shape.pipeline, shape.bindGroup, shape.groups, READ_RUN_MS));
                }
            }
            shapes.sort(Comparator.comparingDouble(shape -> shape.ms));
            Shape best = shapes.get(0);
            return new Read(bytes / (best.ms * 1e6), "workgroup " + best.wg + " x " + best.groups + " groups");
        } finally {
            release(gpu, src, sink, params);
        }
    }

    /**
     * A short calibration run (also the warm-up) sizes the loop so that a run takes about
     * {@link #FMA_RUN_MS}, at most {@link #FMA_ITERATIONS} iterations; the best of the timed runs counts.
     */
    private static double fma(WebGpu gpu) {
        int invocations = 65536;
        GPUBuffer sink = gpu.buffers().storage(4L * invocations, "probe fma sink");
        GPUBuffer params = FMA_PARAMS.values().u32("iterations", FMA_CALIBRATION_ITERATIONS).write(gpu.buffers(), "probe fma params");
        Int32Array iterationsData = new Int32Array(FMA_PARAMS.words());
        try {
            double best = 0;
            for (int wg : new int[] {64, 256}) {
                GPUPipeline.Compute pipeline = gpu.pipelines().get(PipelineSpec.of(FMA.name(), wg));
                GPUBindGroup group = gpu.bindGroup(pipeline, "probe fma", sink, params);
                iterationsData.set(FMA_PARAMS.index("iterations"), FMA_CALIBRATION_ITERATIONS);
                gpu.queue().writeBuffer(params, 0, iterationsData);
                double calibrationMs = timeMs(gpu, pipeline, group, invocations / wg, 1);
                int iterations = (int) Math.max(FMA_CALIBRATION_ITERATIONS, Math.min(FMA_ITERATIONS,
                        FMA_CALIBRATION_ITERATIONS * FMA_RUN_MS / calibrationMs));
                iterationsData.set(FMA_PARAMS.index("iterations"), iterations);
                gpu.queue().writeBuffer(params, 0, iterationsData);
                double flops = (double) invocations * iterations * 8 /* chains */ * 4 /* lanes */ * 2;
                double ms = Double.MAX_VALUE;
                for (int rep = 0; rep < REPEATS; rep++) {
                    ms = Math.min(ms, perDispatchMs(gpu, pipeline, group, invocations / wg, FMA_RUN_MS));
                }
                best = Math.max(best, flops / (ms * 1e6));
            }
            return best;
        } finally {
            release(gpu, sink, params);
        }
    }

    /** The difference between many and few dispatches in one pass, so submission and sync costs cancel. */
    private static double dispatch(WebGpu gpu) {
        GPUBuffer sink = gpu.buffers().storage(16, "probe dispatch sink");
        GPUBuffer params = DISPATCH_PARAMS.values().f32("value", 1f).write(gpu.buffers(), "probe dispatch params");
        try {
            GPUPipeline.Compute pipeline = gpu.pipelines().get(new PipelineSpec(DISPATCH.name(), Set.of(), Map.of()));
            GPUBindGroup group = gpu.bindGroup(pipeline, "probe dispatch", sink, params);
            int few = 20;
            int many = 2020;
            timeMs(gpu, pipeline, group, 1, few); // warm-up: the pipeline's first use
            double fewMs = bestMs(gpu, pipeline, group, 1, few);
            double manyMs = bestMs(gpu, pipeline, group, 1, many);
            return (manyMs - fewMs) * 1000 / (many - few);
        } finally {
            release(gpu, sink, params);
        }
    }

    /**
     * The time of one dispatch without the submission's round trip: one dispatch is timed, and when
     * it is much shorter than {@code runMs} (a GPU) as many as fill {@code runMs} are timed in one
     * pass, and the difference is divided among the extra dispatches. Where one dispatch already takes
     * about {@code runMs} (a CPU emulation), its wall time is the answer.
     */
    private static double perDispatchMs(WebGpu gpu, GPUPipeline.Compute pipeline, GPUBindGroup group, int workgroups, double runMs) {
        double one = timeMs(gpu, pipeline, group, workgroups, 1);
        int dispatches = (int) Math.min(MAX_DISPATCHES, Math.ceil(runMs / Math.max(one, 1e-3)));
        if (dispatches < 4) {
            return one;
        }
        double many = timeMs(gpu, pipeline, group, workgroups, dispatches);
        double each = (many - one) / (dispatches - 1);
        return each > 0 ? each : many / dispatches;
    }

    /** Best wall time of {@link #REPEATS} runs of {@link #timeMs} (the caller has warmed the pipeline up). */
    private static double bestMs(WebGpu gpu, GPUPipeline.Compute pipeline, GPUBindGroup group, int workgroups, int dispatches) {
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep < REPEATS; rep++) {
            best = Math.min(best, timeMs(gpu, pipeline, group, workgroups, dispatches));
        }
        return best;
    }

    /** Wall time of {@code dispatches} launches recorded in one pass, submitted and drained. */
    private static double timeMs(WebGpu gpu, GPUPipeline.Compute pipeline, GPUBindGroup group, int workgroups, int dispatches) {
        double ms = gpu.timePass(pass -> {
            pass.setPipeline(pipeline);
            pass.setBindGroup(0, group);
            for (int i = 0; i < dispatches; i++) {
                pass.dispatchWorkgroups(workgroups);
            }
        });
        gpu.throwIfFailed();
        return ms;
    }

    private static void release(WebGpu gpu, GPUBuffer... buffers) {
        for (GPUBuffer b : buffers) {
            gpu.buffers().release(b);
        }
    }
}
