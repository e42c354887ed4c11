package dev.locara.bench.worker;

import dev.locara.gpu.AdapterInfo;
import dev.locara.gpu.DeviceLimits;
import dev.locara.gpu.DeviceProbes;
import dev.locara.gpu.WebGpu;
import org.teavm.jso.JSBody;

/**
 * The benchmark's browser side, compiled by TeaVM and run in a dedicated worker like the engine:
 * {@code bench-worker.js?mode=probes} measures the adapter's limits with the probe kernels, as the
 * workbench's Benchmark panel does ({@link DeviceProbes});
 * {@code bench-worker.js?mode=model&file=NAME&...} loads a served GGUF through the engine's own
 * classes and times it ({@link ModelRun}); {@code mode=kernels} times the matrix kernels alone
 * ({@link KernelRun}); {@code mode=embed&file=NAME&chunks=64&tokens=128&runs=2} times an embedding model
 * ({@link EmbedRun}). Each run posts one object of figures.
 */
public final class BenchWorker {
    private BenchWorker() {
    }

    public static void main(String[] args) {
        Results r = new Results();
        try {
            WebGpu gpu = WebGpu.open("kernels/");
            if (param("gpuShapes").equals("yes")) {
                gpu.useGpuShapes(); // the bench's --gpu-shapes
            }
            AdapterInfo a = gpu.info();
            r.put("adapter", new Results().put("vendor", a.vendor()).put("architecture", a.architecture())
                    .put("description", a.description()).put("fallback", a.fallback()).put("shaderF16", gpu.shaderF16()));
            if (param("mode").equals("probes")) {
                DeviceLimits limits = DeviceProbes.measure(gpu, probe -> { });
                r.put("readGBs", limits.readGBs()).put("readShape", limits.readShape())
                        .put("fmaGflops", limits.fmaGflops()).put("dispatchUs", limits.dispatchUs());
            } else if (param("mode").equals("embed")) {
                EmbedRun.run(gpu, r, param("file"), intParam("chunks"), intParam("tokens"), intParam("runs"),
                        param("profile").equals("yes"));
            } else if (param("mode").equals("kernels")) {
                KernelRun.run(gpu, r, param("types"), !param("matmul").equals("no"), param("variants"));
            } else {
                ModelRun.run(gpu, r, param("file"), intParam("context"), ints(param("prompts")), intParam("decode"),
                        param("greedyPrompt"), intParam("greedyTokens"), param("profile").equals("yes"));
            }
        } catch (RuntimeException e) {
            r.put("error", String.valueOf(e));
        }
        r.post();
    }

    private static int intParam(String name) {
        return Integer.parseInt(param(name));
    }

    private static int[] ints(String list) {
        String[] parts = list.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }

    @JSBody(params = "name", script = "return new URL(self.location.href).searchParams.get(name) || '';")
    private static native String param(String name);
}
