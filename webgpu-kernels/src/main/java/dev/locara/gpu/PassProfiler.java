package dev.locara.gpu;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.teavm.jso.webgpu.GPUComputePassEncoder;

/**
 * Times a pass of prepared dispatches whole and kernel by kernel: each kernel's dispatches (those
 * whose bind groups share a label) recorded {@link #REPEATS} times in one pass against once, the
 * difference divided by REPEATS - 1, so that the submission, the wait and the other kernels drop
 * out; every figure the best of three. Running a kernel on its own leaves the buffers it writes
 * meaningless: callers run the pass for real afterwards.
 */
final class PassProfiler<T> {
    static final int REPEATS = 5;

    private final WebGpu gpu;
    private final BiConsumer<T, GPUComputePassEncoder> record;

    /** @param record records one dispatch into a pass */
    PassProfiler(WebGpu gpu, BiConsumer<T, GPUComputePassEncoder> record) {
        this.gpu = gpu;
        this.record = record;
    }

    /** The whole pass, best of three, in milliseconds. */
    double whole(List<T> dispatches) {
        return best(dispatches, 1);
    }

    /** Each kernel's share, in the order the pass first records them. */
    List<KernelTime> kernels(List<T> dispatches, Function<T, String> label) {
        Map<String, List<T>> byKernel = new LinkedHashMap<>();
        for (T d : dispatches) {
            byKernel.computeIfAbsent(label.apply(d), k -> new ArrayList<>()).add(d);
        }
        List<KernelTime> times = new ArrayList<>();
        for (Map.Entry<String, List<T>> k : byKernel.entrySet()) {
            double once = best(k.getValue(), 1);
            double repeated = best(k.getValue(), REPEATS);
            times.add(new KernelTime(k.getKey(), k.getValue().size(), (repeated - once) / (REPEATS - 1)));
        }
        return times;
    }

    private double best(List<T> dispatches, int times) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            best = Math.min(best, gpu.timePass(pass -> {
                for (int t = 0; t < times; t++) {
                    for (T d : dispatches) {
                        record.accept(d, pass);
                    }
                }
            }));
        }
        return best;
    }
}
