package dev.locara.bench.worker;

import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.gpu.Dispatch;
import dev.locara.gpu.GpuTensor;
import dev.locara.gpu.MatMulKernel;
import dev.locara.gpu.MatVecKernel;
import dev.locara.gpu.Projection;
import dev.locara.gpu.UniformLayout;
import dev.locara.gpu.WebGpu;
import dev.locara.gpu.WeightUpload;
import dev.locara.quant.QuantFormat;
import dev.locara.quant.QuantFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.webgpu.GPUBuffer;

/**
 * The product's matrix kernels alone, on matrices large enough to leave every CPU cache (so
 * SwiftShader reads memory, as a decode step does): matvec.wgsl's streaming rate per weight type
 * (compared with the read probe: decode's bound) and matmul.wgsl's rate on a prompt-sized batch
 * (compared with the FMA probe: the prompt pass's bound). This isolates the kernels from the rest
 * of a forward pass, so a kernel change can be judged in seconds instead of a whole model run.
 */
final class KernelRun {
    private static final GgmlType[] TYPES = {GgmlType.F32, GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K};
    private static final long MATRIX_BYTES = 48L << 20;
    private static final int COLS = 2048;
    private static final int REPEATS = 3;
    private static final int DISPATCHES = 4;
    /** Variants take more rounds of fewer dispatches, interleaved, so no variant gets only a quiet minute. */
    private static final int VARIANT_DISPATCHES = 2;
    private static final int VARIANT_ROUNDS = 6;
    private static final int BATCH = 64;

    private KernelRun() {
    }

    /**
     * @param types weight types to time, empty for all of {@link #TYPES}
     * @param matmul whether to time matmul.wgsl too (seconds per type on SwiftShader)
     */
    static void run(WebGpu gpu, Results r, String types, boolean matmul, String variants) {
        for (GgmlType type : TYPES) {
            if (types.isEmpty() || List.of(types.split(",")).contains(type.name())) {
                r.put(type.name(), one(gpu, type, matmul, variants));
            }
        }
    }

    /**
     * A kernel file under trial (copied into the bench page's kernels/ folder by hand), bound as
     * MatVecKernel binds matvec.wgsl, given as "file:WG:SPLIT:ROWS": its workgroup size, SPLIT
     * override and rows per group of SPLIT invocations.
     */
    private static List<Dispatch> variant(WebGpu gpu, String spec, GpuTensor w, GPUBuffer x, GPUBuffer y, GPUBuffer token) {
        String[] f = spec.split(":");
        MatVecKernel kernel = MatVecKernel.trial(gpu, f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
        return kernel.bind(Projection.of(w, x, y), token);
    }

    private static Results one(WebGpu gpu, GgmlType type, boolean matmul, String variants) {
        // A small random block of rows, quantized by the project's own quantizer, tiled to size:
        // every block is a valid one of its type and the kernel cannot tell the rows repeat.
        QuantFormat format = QuantFormats.of(type);
        int tileRows = 16;
        Random random = new Random(7);
        float[] w = new float[tileRows * COLS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        byte[] tile = format.quantize(w, 0, w.length);
        int rows = (int) (MATRIX_BYTES / (tile.length / tileRows)) / tileRows * tileRows;
        long bytes = (long) tile.length * (rows / tileRows);
        GgufTensorInfo info = new GgufTensorInfo("bench " + type, type, new long[] {COLS, rows}, 0, bytes);
        GpuTensor tensor = GpuTensor.create(gpu, info.name(), type, rows, COLS);
        WeightUpload upload = new WeightUpload(gpu);
        upload.add(info, tensor);
        Int8Array chunk = Int8Array.copyFromJavaArray(tile);
        for (long o = 0; o < bytes; o += tile.length) {
            upload.accept(o, chunk);
        }
        upload.finish();

        float[] x = new float[BATCH * COLS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        GPUBuffer xs = gpu.buffers().storage(4L * x.length, "x");
        gpu.queue().writeBuffer(xs, 0, org.teavm.jso.typedarrays.Float32Array.copyFromJavaArray(x));
        GPUBuffer token = UniformLayout.TOKEN.values().u32("pos", 0).u32("id", 0).write(gpu.buffers(), "token");
        GPUBuffer y = gpu.buffers().storage(4L * rows * BATCH, "y");

        double matvecMs = bestMs(gpu, new MatVecKernel(gpu).bind(Projection.of(tensor, xs, y), token), DISPATCHES) / DISPATCHES;
        Results out = new Results().put("rows", rows).put("cols", COLS).put("bytes", (double) bytes)
                .put("matvecMs", matvecMs).put("matvecGBs", bytes / (matvecMs * 1e6));
        if (!variants.isEmpty()) {
            // Kernel variants against each other, interleaved so that a neighbour's load hits all alike.
            String[] specs = variants.split(",");
            List<List<Dispatch>> bound = new ArrayList<>();
            for (String spec : specs) {
                bound.add(variant(gpu, spec, tensor, xs, y, token));
            }
            double[] best = new double[specs.length];
            java.util.Arrays.fill(best, Double.MAX_VALUE);
            for (int round = 0; round < VARIANT_ROUNDS; round++) {
                for (int v = 0; v < specs.length; v++) {
                    best[v] = Math.min(best[v], bestMs(gpu, bound.get(v), VARIANT_DISPATCHES) / VARIANT_DISPATCHES);
                }
            }
            Results vs = new Results();
            for (int v = 0; v < specs.length; v++) {
                vs.put(specs[v], bytes / (best[v] * 1e6));
            }
            out.put("variantsGBs", vs);
        }
        if (!matmul) {
            gpu.throwIfFailed();
            return out;
        }
        // The batch reads the matrix once per tile of tokens; its figure is arithmetic, 2 flops per weight and token.
        int matmulRows = Math.min(rows, 4096);
        GpuTensor part = tensor.rows(0, matmulRows);
        double matmulMs = bestMs(gpu, new MatMulKernel(gpu).bind(Projection.of(part, xs, y), BATCH), 1);
        gpu.throwIfFailed();
        return out.put("matmulTokens", BATCH).put("matmulRows", matmulRows).put("matmulMs", matmulMs)
                .put("matmulGflops", 2.0 * matmulRows * COLS * BATCH / (matmulMs * 1e6));
    }

    /** Best wall time of the dispatches recorded {@code times} over in one pass, submitted and drained. */
    private static double bestMs(WebGpu gpu, List<Dispatch> dispatches, int times) {
        double best = Double.MAX_VALUE;
        for (int rep = 0; rep <= REPEATS; rep++) {
            double ms = gpu.timePass(pass -> {
                for (int i = 0; i < times; i++) {
                    for (Dispatch d : dispatches) {
                        d.record(pass);
                    }
                }
            });
            if (rep > 0) { // rep 0 warms up: pipeline first use, memory first touch
                best = Math.min(best, ms);
            }
        }
        return best;
    }
}
