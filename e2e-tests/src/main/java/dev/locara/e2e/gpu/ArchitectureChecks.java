package dev.locara.e2e.gpu;

import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.gpu.GpuLlama;
import dev.locara.gpu.MatVecKernel;
import dev.locara.gpu.WebGpu;
import dev.locara.gpu.WeightUpload;
import dev.locara.model.LlamaCpu;
import dev.locara.quant.QuantPreset;
import dev.locara.sample.Sampler;
import dev.locara.synth.ModelShape;
import dev.locara.synth.SyntheticModel;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Every architecture's switches on the GPU against the CPU reference on the same bytes: for a small
 * synthetic model of each (quantized as a Q4_K_M release would be, ModelQuantizer's per-tensor
 * choice), the last position's logits after a 32-token prompt run token by token, 16 greedy tokens
 * after it (read back token by token, and chained on the GPU by decodeGreedy), and the same prompt as batches (in one chunk and in chunks of 7) against token by token.
 * The shapes are chosen so each switch changes the numbers: Llama 3 rope_freqs; Qwen2 biases;
 * Phi-3's fused tensors and LongRoPE factors; Gemma's head width (key_length) different from
 * dim / heads, a sliding window of 8 (shorter than the prompt), soft-caps small enough to bend the
 * values (Gemma 2), and Gemma 3 with six layers, so five local ones with their own RoPE base and one
 * global.
 */
final class ArchitectureChecks {
    /**
     * Bound on max |gpu - cpu| / max |cpu logit|, as GpuChecks' llama check: both dequantize to the
     * same values, and what differs is f32 summation order, GPU exp/tanh/sin/cos, and RoPE angles in
     * f32 (the CPU computes them in double).
     */
    private static final double CPU_BOUND = 1e-3;
    /** Bound on max |batch - sequential| / max |logit| on the GPU: the same products in the same order (PrefillChecks). */
    private static final double BATCH_BOUND = 1e-4;
    private static final int CONTEXT = 64;
    private static final int PROMPT = 32;
    private static final int STEPS = 16;
    private static final long SEED = 7;

    private final WebGpu gpu;
    private final PrefillChecks.Results results;

    ArchitectureChecks(WebGpu gpu, PrefillChecks.Results results) {
        this.gpu = gpu;
        this.results = results;
    }

    static List<ModelShape> shapes() {
        return List.of(
                new ModelShape("llama+rope_freqs", "llama", 256, 2, 4, 2, 512, 320, CONTEXT, 500000f, 1e-5f, true,
                        new ModelShape.Llama3Rope(32f, 1f, 4f, 8192)),
                new ModelShape("qwen2", "qwen2", 256, 2, 4, 2, 512, 320, CONTEXT, 1000000f, 1e-6f, true, null),
                new ModelShape("phi3", "phi3", 256, 2, 4, 4, 512, 320, CONTEXT, 10000f, 1e-5f, false, null),
                new ModelShape("gemma2", "gemma2", 256, 2, 4, 2, 512, 320, CONTEXT, 10000f, 1e-6f, true, null,
                        96, 8, 2f, 4f),
                new ModelShape("gemma3", "gemma3", 256, 6, 4, 1, 512, 320, CONTEXT, 1000000f, 1e-6f, true, null,
                        80, 8, 0f, 0f));
    }

    void run() {
        List<ModelShape> shapes = shapes();
        for (ModelShape shape : shapes) {
            int dispatches = check(shape, false);
            if (shape == shapes.get(0)) {
                // Projections in buffers of their own (as when their types differ or together they
                // exceed a binding): a dispatch each, and the activation one more, where the others
                // fuse them (matvec.wgsl's QKV and GLU).
                check(shape, true);
            }
            if (!gpu.cpuShapes() && shape.architecture().equals("qwen2")) {
                // WebGPU's default of 8 storage buffers per kernel, as some adapters offer: no room
                // for the fused norm's weights beside q-k-v's three biases, so the norms run apart.
                gpu.limitStorageBuffers(8);
                int apart;
                try {
                    apart = check(shape, false, " with 8 storage buffers per kernel");
                } finally {
                    gpu.limitStorageBuffers(Integer.MAX_VALUE);
                }
                int expected = dispatches + 2 * shape.layers() + 1;
                results.add("qwen2 with 8 storage buffers per kernel: its norms run as dispatches of their own",
                        dispatches > 0 && apart == expected, apart + " dispatches per step, " + expected + " expected ("
                                + dispatches + " with the norms fused)");
            }
        }
    }

    /**
     * A llama decode step's dispatches: the embedding; per layer the norm, q-k-v (one dispatch of
     * matvec.wgsl's segments; two where v's type differs from q's and k's, three where k's does),
     * attention (with the token's RoPE), output, norm, gate-up-activation (one, glu) and down; the
     * final norm and the output projection. With {@code fusedNorms} (GPU shapes) the three kinds of norm run inside the
     * projections after them.
     */
    private static int llamaDispatches(GgufFile gguf, int layers, boolean fusedNorms) {
        int n = 1 + (fusedNorms ? 1 : 2); // embedding; the head's norm unless fused, and its logits
        for (int l = 0; l < layers; l++) {
            GgmlType q = gguf.tensor("blk." + l + ".attn_q.weight").type();
            boolean kApart = gguf.tensor("blk." + l + ".attn_k.weight").type() != q;
            boolean vApart = kApart || gguf.tensor("blk." + l + ".attn_v.weight").type() != q;
            n += (fusedNorms ? 5 : 7) + (kApart ? 2 : vApart ? 1 : 0);
        }
        return n;
    }

    /**
     * @param separate bindings limited to one ffn_gate, so that neither q, k, v nor gate and up can
     *                 share a buffer
     */
    private int check(ModelShape shape, boolean separate) {
        return check(shape, separate, separate ? " with every projection apart" : "");
    }

    /**
     * @param variant what sets this run apart, for the checks' names
     * @return the model's dispatches per decode step, or -1 when it did not load
     */
    private int check(ModelShape shape, boolean separate, String variant) {
        String arch = shape.name() + variant;
        GpuLlama model;
        LlamaCpu cpu;
        String types;
        int expectedDispatches = 0;
        try {
            byte[] file = SyntheticModel.writer(shape, SEED, QuantPreset.Q4_K_M).toBytes();
            ByteSource source = GpuChecks.source(file);
            GgufFile gguf = GgufReader.read(source);
            TreeSet<String> used = new TreeSet<>();
            for (GgufTensorInfo t : gguf.tensors()) {
                used.add(t.type().toString());
            }
            types = String.join(", ", used);
            if (shape.architecture().equals("llama")) {
                expectedDispatches = llamaDispatches(gguf, shape.layers(), new MatVecKernel(gpu).fusesNorm());
            }
            if (separate) {
                gpu.limitBindings(gguf.tensor("blk.0.ffn_gate.weight").bytes());
            }
            try {
                model = new GpuLlama(gpu, gguf, CONTEXT);
            } finally {
                gpu.limitBindings(Long.MAX_VALUE);
            }
            WeightUpload upload = model.upload();
            Int8Array all = Int8Array.copyFromJavaArray(file);
            int chunk = 64 << 10;
            for (long o = upload.start(); o < upload.end(); o += chunk) {
                upload.accept(o, new Int8Array(all.getBuffer(), (int) o, (int) Math.min(chunk, upload.end() - o)));
            }
            upload.finish();
            cpu = new LlamaCpu(gguf, source, CONTEXT);
        } catch (RuntimeException e) {
            results.add(arch + ": synthetic model loads on the GPU", false, e.toString());
            return -1;
        }
        String name = arch + " (" + types + ")";
        if (shape.architecture().equals("llama") && !separate) {
            results.add(name + ": a decode step is " + expectedDispatches + " dispatches, q-k-v, RoPE-attention and gate-up-activation fused"
                            + (new MatVecKernel(gpu).fusesNorm() ? ", and the norms before them" : ""),
                    model.dispatchesPerToken() == expectedDispatches, model.dispatchesPerToken() + " dispatches for "
                            + shape.layers() + " layers");
        }
        int vocab = model.config().vocabSize();
        int[] prompt = new int[PROMPT];
        java.util.Random random = new java.util.Random(SEED);
        for (int i = 0; i < PROMPT; i++) {
            prompt[i] = random.nextInt(vocab);
        }

        float[] sequential = new float[vocab];
        try {
            float[] reference = new float[vocab];
            for (int i = 0; i < PROMPT; i++) {
                boolean last = i == PROMPT - 1;
                model.forward(prompt[i], i, last ? sequential : null);
                cpu.forward(prompt[i], i, last ? reference : null);
            }
            double err = LogitError.relative(sequential, reference);
            results.add(name + ": last logits after a " + PROMPT + "-token prompt match LlamaCpu", err <= CPU_BOUND,
                    "max |gpu - cpu| / max |cpu logit| = " + (float) err + ", bound " + CPU_BOUND);

            int[] gpuTokens = new int[STEPS];
            int[] cpuTokens = new int[STEPS];
            float[] g = sequential.clone();
            float[] c = reference.clone();
            for (int s = 0; s < STEPS; s++) {
                gpuTokens[s] = Sampler.argmax(g);
                cpuTokens[s] = Sampler.argmax(c);
                model.forward(gpuTokens[s], PROMPT + s, g);
                cpu.forward(cpuTokens[s], PROMPT + s, c);
            }
            boolean same = Arrays.equals(gpuTokens, cpuTokens);
            results.add(name + ": " + STEPS + " greedy tokens equal LlamaCpu's", same,
                    same ? Arrays.toString(gpuTokens) : "gpu " + Arrays.toString(gpuTokens) + ", cpu " + Arrays.toString(cpuTokens));

            // The same steps chained on the GPU (argmax.wgsl feeding the token uniform), in a chunk of 5
            // and one of 10, over KV rows first overwritten with other tokens, against the CPU's picks.
            for (int s = 0; s < STEPS; s++) {
                model.forward(prompt[s], PROMPT + s, null);
            }
            int[] chained = new int[STEPS];
            chained[0] = gpuTokens[0]; // from the prompt's logits, as the generation loop samples it
            int[] picks = new int[10];
            model.decodeGreedy(chained[0], PROMPT, 5, picks);
            System.arraycopy(picks, 0, chained, 1, 5);
            model.decodeGreedy(chained[5], PROMPT + 5, 10, picks);
            System.arraycopy(picks, 0, chained, 6, 10);
            boolean sameChained = Arrays.equals(chained, cpuTokens);
            results.add(name + ": " + STEPS + " greedy tokens chained on the GPU (decodeGreedy) equal LlamaCpu's", sameChained,
                    sameChained ? Arrays.toString(chained) : "chained " + Arrays.toString(chained) + ", cpu " + Arrays.toString(cpuTokens));
        } catch (RuntimeException e) {
            results.add(name + ": token by token against LlamaCpu", false, e.toString());
            return model.dispatchesPerToken();
        }

        for (int chunk : new int[] {model.prefillMaxBatch(), 7}) {
            String what = name + ": the prompt as batches (chunks of up to " + chunk + ") matches token by token";
            try {
                // Overwrite the KV cache rows and the logits with the reversed prompt's, so values the
                // token-by-token run left behind cannot pass for the batch's.
                float[] poisoned = new float[vocab];
                for (int i = 0; i < PROMPT; i++) {
                    model.forward(prompt[PROMPT - 1 - i], i, i == PROMPT - 1 ? poisoned : null);
                }
                float[] batched = new float[vocab];
                Arrays.fill(batched, Float.NaN);
                model.setPrefillChunkTokens(chunk);
                model.forwardBatch(prompt, 0, PROMPT, 0, batched);
                double err = LogitError.relative(batched, sequential);
                double apart = LogitError.relative(poisoned, sequential);
                results.add(what, err <= BATCH_BOUND && apart > 100 * BATCH_BOUND, "max |batch - sequential| / max |logit| = "
                        + (float) err + ", bound " + BATCH_BOUND + " (the poisoning prompt's logits differ by " + (float) apart + ")");
            } catch (RuntimeException e) {
                results.add(what, false, e.toString());
            } finally {
                model.setPrefillChunkTokens(model.prefillMaxBatch());
            }
        }
        return model.dispatchesPerToken();
    }
}
