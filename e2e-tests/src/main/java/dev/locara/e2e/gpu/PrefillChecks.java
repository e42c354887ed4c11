package dev.locara.e2e.gpu;

import dev.locara.cache.HttpRangeSource;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gpu.GpuLlama;
import dev.locara.gpu.KernelTime;
import dev.locara.gpu.PromptProfile;
import dev.locara.gpu.StepProfile;
import dev.locara.gpu.WebGpu;
import dev.locara.gpu.WeightUpload;
import dev.locara.model.LlamaCpu;
import dev.locara.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Prompt processing as a batch (GpuLlama.forwardBatch) against token-by-token processing
 * (GpuLlama.forward) on the same GPU: the last position's logits, for the demo model (F32, served
 * at models/stories260K.gguf) and for GpuChecks' synthetic quantized llama (also against LlamaCpu),
 * in one chunk and in several chunks forced small; then greedy continuation after a prompt run in
 * several chunks gives llama.cpp's tokens.
 */
final class PrefillChecks {
    interface Results {
        void add(String name, boolean ok, String detail);
    }

    /**
     * Bound on max |batch - sequential| / max |sequential logit|. Both paths compute the same dot
     * products in f32 in the same chunk order (matmul.wgsl and matvec.wgsl pair the products alike),
     * and attention walks the same positions, so the difference is rounding only.
     */
    private static final double BOUND = 1e-4;
    /** Bound for the synthetic model against the CPU reference, as GpuChecks' model check. */
    private static final double CPU_BOUND = 1e-3;
    private static final int DEMO_CONTEXT = 256;
    /** A prompt longer than the forced chunks, whose length is not a multiple of them or of matmul's 4-token tiles. */
    private static final String LONG_PROMPT = "Once upon a time, there was a little girl named Lily. She loved to play"
            + " outside in the park. One day, she saw a big, red ball.";
    private static final String PROMPT = "Once upon a time";
    /** llama.cpp's first greedy tokens after PROMPT for stories260K (as WorkbenchTest's GREEDY_64). */
    private static final int[] LLAMA_CPP_GREEDY = {432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396,
        267, 337, 410, 408, 419, 292, 411, 322, 265, 282};

    private final WebGpu gpu;
    private final Results results;

    PrefillChecks(WebGpu gpu, Results results) {
        this.gpu = gpu;
        this.results = results;
    }

    void run() {
        demoModel();
        syntheticModel();
    }

    private void demoModel() {
        GpuLlama model;
        Tokenizer tokenizer;
        try {
            HttpRangeSource source = HttpRangeSource.open("models/stories260K.gguf", "stories260K");
            GgufFile gguf = GgufReader.read(source);
            tokenizer = Tokenizer.fromGguf(gguf);
            model = new GpuLlama(gpu, gguf, DEMO_CONTEXT);
            WeightUpload upload = model.upload();
            source.stream(upload.start(), upload.end(), upload::accept);
            upload.finish();
        } catch (RuntimeException e) {
            results.add("demo model loads for the prefill checks", false, e.toString());
            return;
        }
        int[] prompt = tokenizer.encode(LONG_PROMPT, true, false);
        int full = model.prefillMaxBatch();
        compare("stories260K (F32): a " + prompt.length + "-token prompt in one chunk of up to " + full,
                model, prompt, full, null);
        compare("stories260K (F32): a " + prompt.length + "-token prompt in chunks of 8", model, prompt, 8, null);

        String profiled = "stories260K: a prompt profiled kernel by kernel (the bench's --profile) leaves the cache as forwardBatch does";
        try {
            model.setPrefillChunkTokens(8);
            int vocab = model.config().vocabSize();
            int[] head = Arrays.copyOf(prompt, prompt.length - 1);
            int next = prompt[prompt.length - 1];
            float[] expected = new float[vocab];
            model.forwardBatch(head, 0, head.length, 0, null);
            model.forward(next, head.length, expected);
            poison(model, prompt, new float[vocab]);
            List<PromptProfile> profiles = model.profilePrompt(head);
            float[] got = new float[vocab];
            model.forward(next, head.length, got);
            boolean same = Arrays.equals(expected, got);
            int last = (head.length - 1) / 8 * 8;
            boolean chunks = profiles.size() == 2 && profiles.get(0).start() == 0 && profiles.get(1).start() == last
                    && profiles.get(1).count() == head.length - last;
            int matmuls = 0;
            for (KernelTime k : profiles.get(0).kernels()) {
                matmuls += k.name().equals("matmul") ? k.dispatches() : 0;
            }
            int layers = model.config().layers();
            boolean ok = same && chunks && matmuls == 7 * layers;
            StringBuilder at = new StringBuilder();
            for (PromptProfile c : profiles) {
                at.append(at.length() == 0 ? "" : ", ").append(c.count()).append(" tokens from ").append(c.start());
            }
            results.add(profiled, ok, "next token's logits " + (same ? "equal" : "differ") + "; chunks profiled: " + at + "; "
                    + matmuls + " matmul dispatches per chunk for " + layers + " layers");
        } catch (RuntimeException e) {
            results.add(profiled, false, e.toString());
        } finally {
            model.setPrefillChunkTokens(full);
        }

        String stepped = "stories260K: a decode step profiled kernel by kernel, then run, gives the logits of the step run alone";
        try {
            int vocab = model.config().vocabSize();
            int at = prompt.length - 1;
            model.forwardBatch(prompt, 0, at, 0, null);
            float[] expected = new float[vocab];
            model.forward(prompt[at], at, expected);
            StepProfile step = model.profileStep(prompt[at], at);
            float[] got = new float[vocab];
            model.forward(prompt[at], at, got);
            int dispatches = 0;
            for (KernelTime k : step.kernels()) {
                dispatches += k.dispatches();
            }
            boolean ok = Arrays.equals(expected, got) && dispatches == model.dispatchesPerToken();
            results.add(stepped, ok, "logits " + (Arrays.equals(expected, got) ? "equal" : "differ") + "; " + dispatches
                    + " dispatches profiled of " + model.dispatchesPerToken() + " per step, " + step.kernels().size() + " kernels");
        } catch (RuntimeException e) {
            results.add(stepped, false, e.toString());
        }

        String name = "stories260K: greedy continuation after a prompt run in chunks of 2 gives llama.cpp's tokens";
        try {
            model.setPrefillChunkTokens(2); // the 5-token prompt takes 3 chunks, the last one partial
            poison(model, prompt, new float[model.config().vocabSize()]); // the long prompt begins with the same 5 tokens
            Completion done = new Generator(tokenizer, model).generate(
                    new CompletionRequest(PROMPT, LLAMA_CPP_GREEDY.length, 0f, 0), (token, text) -> { }, () -> false);
            boolean ok = Arrays.equals(LLAMA_CPP_GREEDY, done.tokens());
            results.add(name, ok, ok ? done.tokens().length + " tokens equal"
                    : "got " + Arrays.toString(done.tokens()) + ", llama.cpp " + Arrays.toString(LLAMA_CPP_GREEDY));
        } catch (RuntimeException e) {
            results.add(name, false, e.toString());
        } finally {
            model.setPrefillChunkTokens(full);
        }

        String refused = "forwardBatch refuses a token outside the vocabulary and positions past the context";
        try {
            boolean vocab = throwsIllegalArgument(() -> model.forwardBatch(new int[] {1, 100000}, 0, 2, 0, null));
            boolean context = throwsIllegalArgument(() -> model.forwardBatch(prompt, 0, prompt.length, DEMO_CONTEXT - 3, null));
            results.add(refused, vocab && context, "vocabulary " + vocab + ", context " + context);
        } catch (RuntimeException e) {
            results.add(refused, false, e.toString());
        }
    }

    private static boolean throwsIllegalArgument(Runnable r) {
        try {
            r.run();
            return false;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private void syntheticModel() {
        String loads = "synthetic quantized llama loads for the prefill checks";
        GpuLlama model;
        LlamaCpu cpu;
        try {
            byte[] file = GpuChecks.syntheticGguf();
            ByteSource source = GpuChecks.source(file);
            GgufFile gguf = GgufReader.read(source);
            model = new GpuLlama(gpu, gguf, GpuChecks.CONTEXT);
            WeightUpload upload = model.upload();
            Int8Array all = Int8Array.copyFromJavaArray(file);
            int chunk = 64 << 10;
            for (long o = upload.start(); o < upload.end(); o += chunk) {
                upload.accept(o, new Int8Array(all.getBuffer(), (int) o, (int) Math.min(chunk, upload.end() - o)));
            }
            upload.finish();
            cpu = new LlamaCpu(gguf, source, GpuChecks.CONTEXT);
        } catch (RuntimeException e) {
            results.add(loads, false, e.toString());
            return;
        }
        int[] prompt = {1, 17, 42, 99, 5, 63, 8, 0, 71, 33, 64, 2, 50};
        compare("synthetic llama (Q4_K, Q6_K, Q5_0, Q8_0): a " + prompt.length + "-token prompt in one chunk",
                model, prompt, model.prefillMaxBatch(), cpu);
        compare("synthetic llama (Q4_K, Q6_K, Q5_0, Q8_0): a " + prompt.length + "-token prompt in chunks of 5",
                model, prompt, 5, cpu);
        model.setPrefillChunkTokens(model.prefillMaxBatch());
    }

    /**
     * The last position's logits from forwardBatch in chunks of {@code chunk} against forward token
     * by token; with {@code cpu}, both also against the CPU reference.
     */
    private void compare(String name, GpuLlama model, int[] prompt, int chunk, LlamaCpu cpu) {
        try {
            int vocab = model.config().vocabSize();
            float[] sequential = new float[vocab];
            for (int i = 0; i < prompt.length; i++) {
                model.forward(prompt[i], i, i == prompt.length - 1 ? sequential : null);
            }
            // Overwrite the KV cache rows and the logits buffer with another prompt's, so stale values
            // from the sequential run cannot pass for the batch's.
            float[] poisoned = new float[vocab];
            poison(model, prompt, poisoned);
            float[] batched = new float[vocab];
            Arrays.fill(batched, Float.NaN);
            model.setPrefillChunkTokens(chunk);
            model.forwardBatch(prompt, 0, prompt.length, 0, batched);
            int chunks = (prompt.length + chunk - 1) / chunk;
            double err = LogitError.relative(batched, sequential);
            double apart = LogitError.relative(poisoned, sequential);
            boolean ok = err <= BOUND && apart > 100 * BOUND;
            String detail = chunks + " chunk(s): max |batch - sequential| / max |logit| = " + (float) err + ", bound " + BOUND
                    + " (the poisoning prompt's logits differ by " + (float) apart + ")";
            if (cpu != null) {
                float[] reference = new float[vocab];
                for (int i = 0; i < prompt.length; i++) {
                    cpu.forward(prompt[i], i, i == prompt.length - 1 ? reference : null);
                }
                double cpuErr = LogitError.relative(batched, reference);
                ok &= cpuErr <= CPU_BOUND;
                detail += "; against LlamaCpu " + (float) cpuErr + ", bound " + CPU_BOUND;
            }
            results.add(name + ": batch logits match token by token", ok, detail);
        } catch (RuntimeException e) {
            results.add(name + ": batch logits match token by token", false, e.toString());
        }
    }

    /** Runs the prompt reversed, token by token, over the same positions. */
    private static void poison(GpuLlama model, int[] prompt, float[] logits) {
        for (int i = 0; i < prompt.length; i++) {
            model.forward(prompt[prompt.length - 1 - i], i, i == prompt.length - 1 ? logits : null);
        }
    }
}
