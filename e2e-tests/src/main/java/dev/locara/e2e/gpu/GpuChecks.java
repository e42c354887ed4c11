package dev.locara.e2e.gpu;

import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.gguf.GgufWriter;
import dev.locara.gpu.BlockRepacker;
import dev.locara.gpu.Dispatch;
import dev.locara.gpu.EmbedKernel;
import dev.locara.gpu.GpuLlama;
import dev.locara.gpu.GpuTensor;
import dev.locara.gpu.InsufficientGpuMemoryException;
import dev.locara.gpu.MatMulKernel;
import dev.locara.gpu.MatVecKernel;
import dev.locara.gpu.PackedLayout;
import dev.locara.gpu.Projection;
import dev.locara.gpu.UniformLayout;
import dev.locara.gpu.WebGpu;
import dev.locara.gpu.WeightUpload;
import dev.locara.model.LlamaCpu;
import dev.locara.quant.QuantFormat;
import dev.locara.quant.QuantFormats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.teavm.jso.JSBody;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;

/**
 * The WebGPU kernels against the CPU reference, in a worker of headless Chromium with WebGPU
 * (SwiftShader here): for every weight type, random seeded data quantized by the reference
 * quantizer, streamed through {@link WeightUpload} (repacking included) in odd-sized chunks, then
 * matrix-vector and matrix-matrix products compared with dequantize-and-dot in double, once in one
 * binding and once split over four by an artificially small binding limit. Then a small synthetic
 * llama in mixed Q4_K, Q6_K, Q5_0 and Q8_0: GpuLlama's logits against LlamaCpu's, and the memory
 * check refusing a model above the budget. Then the prompt as batches (PrefillChecks) and every
 * architecture's switches (ArchitectureChecks), the latter twice: with this adapter's kernel shapes
 * and with a real GPU's ({@link WebGpu#useGpuShapes}). Results go to the test as {name, ok, detail}.
 */
public final class GpuChecks {
    private static final GgmlType[] TYPES = {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
        GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K};
    private static final int ROWS = 37;  // not a multiple of the kernels' 4 rows per invocation
    /** Two K-quant blocks; F32, F16 and BF16 rows get a width that is not whole 32-value chunks, to test the tails. */
    private static int cols(GgmlType type) {
        return type.blockSize == 1 ? 500 : 512;
    }
    private static final int TOKENS = 6; // not a multiple of the matmul tile's 4 tokens
    private static final int SPLITS = 4;

    private final List<String> names = new ArrayList<>();
    private final List<Boolean> oks = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private WebGpu gpu;

    public static void main(String[] args) {
        GpuChecks checks = new GpuChecks();
        try {
            checks.gpu = WebGpu.open("kernels/");
            for (GgmlType type : TYPES) {
                checks.matrixProducts(type, cols(type));
                if (type.blockSize == 1) {
                    checks.matrixProducts(type, 504); // whole groups of 8: matmul.wgsl's vec4 rows (ROW_VEC4)
                }
            }
            checks.gpuRepacking();
            checks.syntheticModel();
            checks.memoryCheck();
            new PrefillChecks(checks.gpu, checks::add).run();
            new ArchitectureChecks(checks.gpu, checks::add).run();
            // The same models with the kernels a real GPU gets (cooperative matvec, 64-wide
            // reductions, repack.wgsl), on a device of their own: on SwiftShader that code would
            // otherwise run nowhere before it meets a GPU.
            checks.gpu.destroy();
            WebGpu gpuShaped = WebGpu.open("kernels/");
            gpuShaped.useGpuShapes();
            new ArchitectureChecks(gpuShaped, (name, ok, detail) -> checks.add("GPU shapes: " + name, ok, detail)).run();
        } catch (RuntimeException e) {
            checks.add("GPU checks run to the end", false, e.toString());
        }
        checks.report();
    }

    /**
     * Bound on |gpu - reference| / sum_k |w_k x_k| for a row. The GPU multiplies the same dequantized
     * values (its folded scales differ by an ulp or two) and sums 500 or 512 products in f32, so a few
     * ulps of f32 relative to the sum of magnitudes.
     */
    private static double bound(GgmlType type) {
        return switch (type) {
            case F32, F16, BF16 -> 2e-6;
            default -> 5e-6;
        };
    }

    private void matrixProducts(GgmlType type, int cols) {
        Random random = new Random(1000 + type.id);
        float[] w = new float[ROWS * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * (1 + (i % 97 == 0 ? 8 : 0))); // a few outliers, as real weights have
        }
        float[] x = new float[TOKENS * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        QuantFormat format = QuantFormats.of(type);
        byte[] bytes = format.quantize(w, 0, w.length);
        float[] reference = new float[w.length];
        format.dequantize(bytes, 0, reference, 0, w.length);
        GgufTensorInfo info = new GgufTensorInfo(type + " weights", type, new long[] {cols, ROWS}, 0, bytes.length);

        long rowBytes = PackedLayout.of(type).rowBytes(cols);
        for (int splits : new int[] {1, SPLITS}) {
            String where = (cols == cols(type) ? "" : ", " + cols + " wide") + (splits == 1 ? "" : " split over " + splits + " bindings");
            try {
                if (splits > 1) {
                    gpu.limitBindings(rowBytes * ((ROWS + splits - 1) / splits));
                }
                GpuTensor tensor = GpuTensor.create(gpu, info.name(), type, ROWS, cols);
                gpu.limitBindings(Long.MAX_VALUE);
                if (tensor.splits.size() != splits) {
                    add(type + " matvec" + where, false, "got " + tensor.splits.size() + " splits");
                    continue;
                }
                WeightUpload upload = new WeightUpload(gpu);
                upload.add(info, tensor);
                Int8Array all = Int8Array.copyFromJavaArray(bytes);
                int chunk = 1000; // blocks straddle chunks
                for (int o = 0; o < bytes.length; o += chunk) {
                    upload.accept(o, new Int8Array(all.getBuffer(), o, Math.min(chunk, bytes.length - o)));
                }
                upload.finish();

                GPUBuffer xs = gpu.buffers().storage(4L * x.length, "x");
                gpu.queue().writeBuffer(xs, 0, Float32Array.copyFromJavaArray(x));
                GPUBuffer token = token(0);
                GPUBuffer y = gpu.buffers().storage(4L * ROWS, "y");
                float[] got = run(new MatVecKernel(gpu).bind(Projection.of(tensor, xs, y), token), y, ROWS);
                compare(type + " matvec" + where, type, reference, x, got, 1, cols);
                // The shape real GPUs get (invocations sharing rows, a workgroup reduction), run here too.
                float[] gotShared = run(MatVecKernel.cooperative(gpu).bind(Projection.of(tensor, xs, y), token), y, ROWS);
                compare(type + " matvec, cooperative shape" + where, type, reference, x, gotShared, 1, cols);
                // That shape with its input's RMSNorm fused (decode's q-k-v, gate-up and logits on GPUs),
                // against the products with x normalized on the CPU first.
                float[] normWeights = new float[cols];
                double squares = 0;
                for (int k = 0; k < cols; k++) {
                    normWeights[k] = (float) (0.5 + random.nextDouble());
                    squares += (double) x[k] * x[k];
                }
                float eps = 1e-5f;
                float scale = (float) (1 / Math.sqrt(squares / cols + eps));
                float[] normed = new float[cols];
                for (int k = 0; k < cols; k++) {
                    normed[k] = x[k] * scale * normWeights[k];
                }
                GPUBuffer norm = gpu.buffers().storage(4L * cols, "norm weights");
                gpu.queue().writeBuffer(norm, 0, Float32Array.copyFromJavaArray(normWeights));
                float[] gotNormed = run(MatVecKernel.cooperative(gpu).bind(Projection.of(tensor, xs, y)
                        .normalized(new Projection.InputNorm(norm, eps)), token), y, ROWS);
                compare(type + " matvec, cooperative shape, its input's RMSNorm fused" + where, type, reference, normed, gotNormed, 1,
                        cols);

                GPUBuffer ys = gpu.buffers().storage(4L * TOKENS * ROWS, "Y");
                float[] gotAll = run(new MatMulKernel(gpu).bind(Projection.of(tensor, xs, ys), TOKENS), ys, TOKENS * ROWS);
                compare(type + " matmul of " + TOKENS + " tokens" + where, type, reference, x, gotAll, TOKENS, cols);

                // The embedding lookup (quant.wgsl's chunk_values): one row out, scaled, against the CPU's dequantized row.
                int id = ROWS - 2; // in the last split when split
                GPUBuffer embedToken = token(id);
                GPUBuffer row = gpu.buffers().storage(4L * cols, "embedded row");
                float[] gotRow = run(new EmbedKernel(gpu).bind(tensor, embedToken, row, 0.5f), row, cols);
                double worst = 0;
                double magnitude = 0;
                for (int k = 0; k < cols; k++) {
                    magnitude = Math.max(magnitude, Math.abs(reference[id * cols + k]));
                    worst = Math.max(worst, Math.abs(gotRow[k] - 0.5 * reference[id * cols + k]));
                }
                double rel = worst / magnitude;
                add(type + " embedding row" + where, rel <= 1e-6, "max |gpu - ref| / max |ref| = " + (float) rel + ", bound 1e-6");
            } catch (RuntimeException e) {
                gpu.limitBindings(Long.MAX_VALUE);
                add(type + " matvec and matmul" + where, false, e.toString());
            }
        }
    }

    /**
     * Repacking against BlockRepacker.pack (the layout's definition), bit for bit, both ways a
     * WeightUpload does it: repack.wgsl (GPUs) and BlockRepacker in WebAssembly over buffers in
     * linear memory (emulated adapters). Random bytes (repacking does not read values) for each
     * repacked type, two tensors back to back in one file (the CPU way shares one run buffer
     * between them), streamed in chunks that cut blocks anywhere, through staging windows of 1000
     * bytes (so blocks wait for the next window), into tensors split over several bindings.
     */
    private void gpuRepacking() {
        Random random = new Random(99);
        for (GgmlType type : TYPES) {
            PackedLayout layout = PackedLayout.of(type);
            if (!layout.repacked()) {
                continue;
            }
            for (boolean onGpu : new boolean[] {true, false}) {
                String how = onGpu ? "on the GPU (repack.wgsl)" : "in WebAssembly";
                int rows = 13;
                int cols = 512;
                int tensorBytes = (int) type.bytesFor((long) rows * cols);
                int second = (tensorBytes + 31) / 32 * 32; // tensors start 32-byte aligned in a GGUF file
                byte[] file = new byte[second + tensorBytes];
                random.nextBytes(file);
                long rowBytes = layout.rowBytes(cols);
                try {
                    gpu.limitBindings(rowBytes * 4); // 4 rows per binding: 4 splits
                    GpuTensor first = GpuTensor.create(gpu, type + " repacked", type, rows, cols);
                    GpuTensor next = GpuTensor.create(gpu, type + " repacked next", type, rows, cols);
                    gpu.limitBindings(Long.MAX_VALUE);
                    WeightUpload upload = new WeightUpload(gpu, 1000, onGpu); // windows end inside blocks
                    upload.add(new GgufTensorInfo(type + " repacked", type, new long[] {cols, rows}, 0, tensorBytes), first);
                    upload.add(new GgufTensorInfo(type + " repacked next", type, new long[] {cols, rows}, second, tensorBytes), next);
                    Int8Array all = Int8Array.copyFromJavaArray(file);
                    int o = 0;
                    while (o < file.length) {
                        int n = Math.min(file.length - o, 1 + random.nextInt(3000));
                        upload.accept(o, new Int8Array(all.getBuffer(), o, n));
                        o += n;
                    }
                    upload.finish();
                    String detail = "";
                    boolean ok = first.splits.size() == 4;
                    for (int t = 0; t < 2; t++) {
                        byte[] expected = BlockRepacker.pack(layout, Arrays.copyOfRange(file, t * second, t * second + tensorBytes));
                        byte[] got = readBack(t == 0 ? first : next, rowBytes);
                        int diff = Arrays.mismatch(got, expected);
                        ok &= diff < 0;
                        detail += (t == 0 ? "" : "; ") + (diff < 0 ? got.length + " bytes equal"
                                : "first difference at byte " + diff + " of " + got.length);
                    }
                    add(type + " blocks repacked " + how + " equal BlockRepacker's, two tensors over " + first.splits.size()
                            + " bindings each", ok, detail);
                } catch (RuntimeException e) {
                    gpu.limitBindings(Long.MAX_VALUE);
                    add(type + " repacked " + how, false, e.toString());
                }
            }
        }
    }

    /** A tensor's packed bytes, read back from its splits. */
    private byte[] readBack(GpuTensor tensor, long rowBytes) {
        byte[] got = new byte[(int) (tensor.rows * rowBytes)];
        for (GpuTensor.Split s : tensor.splits) {
            long bytes = s.rows() * rowBytes;
            GPUBuffer readback = gpu.buffers().readback(bytes, "repacked readback");
            GPUCommandEncoder encoder = gpu.device().createCommandEncoder();
            encoder.copyBufferToBuffer(s.buffer(), 0, readback, 0, bytes);
            JSArray<GPUCommandEncoder.CommandBuffer> commands = JSArray.create();
            commands.push(encoder.finish());
            gpu.queue().submit(commands);
            byte[] part = new Int8Array(gpu.read(readback, bytes)).copyToJavaArray();
            System.arraycopy(part, 0, got, (int) (s.firstRow() * rowBytes), part.length);
        }
        return got;
    }

    private float[] run(List<Dispatch> dispatches, GPUBuffer y, int floats) {
        GPUCommandEncoder encoder = gpu.device().createCommandEncoder();
        GPUComputePassEncoder pass = encoder.beginComputePass();
        for (Dispatch d : dispatches) {
            d.record(pass);
        }
        pass.end();
        GPUBuffer readback = gpu.buffers().readback(4L * floats, "readback");
        encoder.copyBufferToBuffer(y, 0, readback, 0, 4L * floats);
        JSArray<GPUCommandEncoder.CommandBuffer> commands = JSArray.create();
        commands.push(encoder.finish());
        gpu.queue().submit(commands);
        return new Float32Array(gpu.read(readback, 4L * floats)).copyToJavaArray();
    }

    private void compare(String name, GgmlType type, float[] w, float[] x, float[] got, int tokens, int cols) {
        double worst = 0;
        String at = "";
        for (int t = 0; t < tokens; t++) {
            for (int r = 0; r < ROWS; r++) {
                double dot = 0;
                double magnitude = 0;
                for (int k = 0; k < cols; k++) {
                    double p = (double) w[r * cols + k] * x[t * cols + k];
                    dot += p;
                    magnitude += Math.abs(p);
                }
                double err = Math.abs(got[t * ROWS + r] - dot) / (magnitude + 1e-30);
                if (!(err <= worst)) {
                    worst = err;
                    at = " at token " + t + " row " + r + " (gpu " + got[t * ROWS + r] + ", reference " + dot + ")";
                }
            }
        }
        boolean ok = worst <= bound(type);
        add(name, ok, "max |gpu - ref| / sum|w x| = " + (float) worst + ", bound " + bound(type) + (ok ? "" : at));
    }

    // ---- A small llama in mixed quant types ----

    private static final int DIM = 256;
    private static final int HIDDEN = 512;
    private static final int LAYERS = 2;
    private static final int HEADS = 4;
    private static final int KV_HEADS = 2;
    private static final int VOCAB = 100;
    static final int CONTEXT = 16;
    /** Bound on max |gpu - cpu| over the logits, relative to the largest |cpu logit|. */
    private static final double MODEL_BOUND = 1e-3;

    static byte[] syntheticGguf() {
        Random random = new Random(42);
        int kvDim = DIM / HEADS * KV_HEADS;
        GgufWriter g = new GgufWriter()
                .put("general.architecture", "llama")
                .put("llama.embedding_length", DIM)
                .put("llama.feed_forward_length", HIDDEN)
                .put("llama.block_count", LAYERS)
                .put("llama.attention.head_count", HEADS)
                .put("llama.attention.head_count_kv", KV_HEADS)
                .put("llama.context_length", CONTEXT)
                .put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        matrix(g, random, "token_embd.weight", GgmlType.Q8_0, VOCAB, DIM, 1.0);
        for (int l = 0; l < LAYERS; l++) {
            String p = "blk." + l + ".";
            norm(g, random, p + "attn_norm.weight");
            matrix(g, random, p + "attn_q.weight", GgmlType.Q4_K, DIM, DIM, 0.1);
            matrix(g, random, p + "attn_k.weight", GgmlType.Q5_0, kvDim, DIM, 0.1);
            matrix(g, random, p + "attn_v.weight", GgmlType.Q8_0, kvDim, DIM, 0.1);
            matrix(g, random, p + "attn_output.weight", GgmlType.Q6_K, DIM, DIM, 0.05);
            norm(g, random, p + "ffn_norm.weight");
            matrix(g, random, p + "ffn_gate.weight", GgmlType.Q4_K, HIDDEN, DIM, 0.1);
            matrix(g, random, p + "ffn_up.weight", GgmlType.Q5_0, HIDDEN, DIM, 0.1);
            matrix(g, random, p + "ffn_down.weight", GgmlType.Q6_K, DIM, HIDDEN, 0.05);
        }
        norm(g, random, "output_norm.weight");
        matrix(g, random, "output.weight", GgmlType.Q6_K, VOCAB, DIM, 0.1);
        return g.toBytes();
    }

    private static void matrix(GgufWriter g, Random random, String name, GgmlType type, int rows, int cols, double scale) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        g.tensor(name, type, new long[] {cols, rows}, QuantFormats.of(type).quantize(values, 0, values.length));
    }

    private static void norm(GgufWriter g, Random random, String name) {
        float[] values = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            values[i] = (float) (1 + 0.1 * random.nextGaussian());
        }
        g.tensorF32(name, new long[] {DIM}, values);
    }

    private void syntheticModel() {
        String name = "synthetic llama (Q4_K, Q6_K, Q5_0, Q8_0): GpuLlama logits match LlamaCpu";
        try {
            byte[] file = syntheticGguf();
            ByteSource source = new ArraySource(file);
            GgufFile gguf = GgufReader.read(source);
            GpuLlama gpuModel = new GpuLlama(gpu, gguf, CONTEXT);
            WeightUpload upload = gpuModel.upload();
            Int8Array all = Int8Array.copyFromJavaArray(file);
            long start = upload.start();
            int chunk = 64 << 10;
            for (long o = start; o < upload.end(); o += chunk) {
                upload.accept(o, new Int8Array(all.getBuffer(), (int) o, (int) Math.min(chunk, upload.end() - o)));
            }
            upload.finish();
            LlamaCpu cpuModel = new LlamaCpu(gguf, source, CONTEXT);
            int[] tokens = {1, 17, 42, 99, 5, 63};
            float[] g = new float[VOCAB];
            float[] c = new float[VOCAB];
            double worst = 0;
            for (int pos = 0; pos < tokens.length; pos++) {
                gpuModel.forward(tokens[pos], pos, g);
                cpuModel.forward(tokens[pos], pos, c);
                double max = 0;
                double diff = 0;
                for (int i = 0; i < VOCAB; i++) {
                    max = Math.max(max, Math.abs(c[i]));
                    diff = Math.max(diff, Math.abs(g[i] - c[i]));
                }
                worst = Math.max(worst, diff / max);
            }
            add(name, worst <= MODEL_BOUND, "over " + tokens.length + " positions: max |gpu - cpu| / max |cpu logit| = "
                    + (float) worst + ", bound " + MODEL_BOUND + "; weights on the GPU " + gpuModel.memory().weights() + " bytes");
        } catch (RuntimeException e) {
            add(name, false, e.toString());
        }
    }

    /** The token uniform of a decode step at position 0. */
    private GPUBuffer token(int id) {
        return UniformLayout.TOKEN.values().u32("pos", 0).u32("id", id).write(gpu.buffers(), "token");
    }

    private void memoryCheck() {
        String name = "a model above the GPU memory budget is refused before loading, naming both sizes";
        long budget = gpu.buffers().memoryBudget();
        try {
            GgufFile gguf = GgufReader.read(new ArraySource(syntheticGguf()));
            gpu.buffers().setMemoryBudget(64 << 10);
            new GpuLlama(gpu, gguf, CONTEXT);
            add(name, false, "GpuLlama accepted a 64 KiB budget");
        } catch (InsufficientGpuMemoryException e) {
            boolean ok = e.allowed == 64 << 10 && e.needed > e.allowed && e.getMessage().contains("(" + e.needed + " bytes)")
                    && e.getMessage().contains("(" + e.allowed + " bytes)");
            add(name, ok, e.getMessage());
        } catch (RuntimeException e) {
            add(name, false, e.toString());
        } finally {
            gpu.buffers().setMemoryBudget(budget);
        }
    }

    static ByteSource source(byte[] file) {
        return new ArraySource(file);
    }

    /** A GGUF file held in memory. */
    private record ArraySource(byte[] bytes) implements ByteSource {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void readFully(long offset, byte[] dst, int dstOffset, int length) {
            ByteSource.checkRange(offset, length, bytes.length);
            System.arraycopy(bytes, (int) offset, dst, dstOffset, length);
        }
    }

    // ---- Reporting ----

    private void add(String name, boolean ok, String detail) {
        progress((ok ? "ok   " : "FAIL ") + name); // the console shows how far a run that never ends got
        names.add(name);
        oks.add(ok);
        details.add(detail);
    }

    private void report() {
        boolean[] ok = new boolean[oks.size()];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = oks.get(i);
        }
        post(names.toArray(new String[0]), ok, details.toArray(new String[0]));
    }

    @JSBody(params = {"names", "ok", "details"}, script = "self.postMessage(names.map(function (n, i) {"
            + " return {name: n, ok: ok[i], detail: details[i]}; }));")
    private static native void post(String[] names, boolean[] ok, String[] details);

    @org.teavm.jso.JSBody(params = "line", script = "console.log('gpu check: ' + line);")
    private static native void progress(String line);
}
