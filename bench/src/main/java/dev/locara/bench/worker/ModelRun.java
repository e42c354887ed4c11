package dev.locara.bench.worker;

import dev.locara.cache.HttpRangeSource;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.engine.ModelBenchmark;
import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gpu.GpuLlama;
import dev.locara.gpu.KernelTime;
import dev.locara.gpu.PromptProfile;
import dev.locara.gpu.StepProfile;
import dev.locara.gpu.WebGpu;
import dev.locara.gpu.WeightUpload;
import dev.locara.js.Async;
import dev.locara.tokenizer.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.core.JSPromise;

/**
 * One model through the engine's own classes, as the app's worker runs it: the loader's steps
 * (Range-read header, GpuLlama, weights streamed into GPU buffers), then prompts and greedy decode
 * timed by {@link ModelBenchmark}, as the workbench's Benchmark panel times them: each prompt as one
 * batch, as {@code Generator} runs prompts, then decode token by token, always its full count
 * (random synthetic weights may sample the end-of-text token at any step).
 */
final class ModelRun {
    private ModelRun() {
    }

    static void run(WebGpu gpu, Results r, String file, int context, int[] promptLengths, int decode,
                    String greedyPrompt, int greedyTokens, boolean profile) {
        String url = "models/" + file;
        r.put("file", file);

        // The raw transfer rate of the same file from the same server, to judge the loader against.
        double t0 = Clock.now();
        double rawBytes = drainBody(url);
        r.put("rawMs", Clock.now() - t0).put("fileBytes", rawBytes);

        double loadStart = Clock.now();
        HttpRangeSource source = HttpRangeSource.open(url, file);
        GgufFile gguf = GgufReader.read(source);
        Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
        GpuLlama model;
        try {
            double buildStart = Clock.now();
            model = new GpuLlama(gpu, gguf, context);
            // Allocating buffers and starting the kernels' compilation, which runs on during the stream.
            r.put("buildMs", Clock.now() - buildStart);
        } catch (GgufException e) {
            r.put("unsupported", e.getMessage());
            return;
        }
        WeightUpload upload = model.upload();
        double streamStart = Clock.now();
        source.stream(upload.start(), upload.end(), upload::accept);
        upload.finish();
        gpu.awaitIdle();
        gpu.throwIfFailed();
        double streamEnd = Clock.now();
        // What compilation still owed once the weights were in, and binding.
        model.finishLoading();
        double end = Clock.now();
        r.put("kernelWaitMs", end - streamEnd);
        // The weight stream alone, apart from header reads and pipeline compilation, which dominate small models.
        r.put("loadMs", end - loadStart).put("streamMs", streamEnd - streamStart).put("streamBytes", (double) (upload.end() - upload.start()));
        r.put("gpuBytes", (double) gpu.buffers().allocatedBytes());
        r.put("weightBytesPerToken", (double) ModelBenchmark.weightBytesPerToken(gguf));
        r.put("context", model.contextLength());
        r.put("dispatchesPerToken", model.dispatchesPerToken());

        Results prompts = new Results();
        for (int n : promptLengths) {
            if (n >= model.contextLength()) {
                prompts.put(String.valueOf(n), new Results().put("skipped", "the model's context is "
                        + model.contextLength() + " tokens"));
                continue;
            }
            int[] tokens = ModelBenchmark.promptTokens(tokenizer, n);
            ModelBenchmark bench = new ModelBenchmark(model, Clock::now);
            ModelBenchmark.Timing prompt = bench.prompt(tokens);
            Results p = new Results().put("tokens", n).put("ms", prompt.ms()).put("text", text(tokenizer, tokens));
            // Decode continues the first prompt, within the context.
            if (n == promptLengths[0]) {
                ModelBenchmark.Timing decoded = bench.decode(Math.min(decode, model.contextLength() - n));
                p.put("decodeTokens", decoded.tokens()).put("decodeMs", decoded.ms());
                ModelBenchmark.Timing withLogits = bench.decodeWithLogits(decoded.tokens());
                p.put("decodeLogitsTokens", withLogits.tokens()).put("decodeLogitsMs", withLogits.ms());
            }
            prompts.put(String.valueOf(n), p);
        }
        r.put("prompts", prompts);
        gpu.throwIfFailed();

        // --profile: the longest prompt again, its first and last chunks timed kernel by kernel,
        // and then the decode step after it.
        int longest = 0;
        for (int n : promptLengths) {
            longest = n < model.contextLength() ? Math.max(longest, n) : longest;
        }
        if (profile && longest > 0) {
            int[] tokens = ModelBenchmark.promptTokens(tokenizer, longest);
            Results chunks = new Results();
            for (PromptProfile chunk : model.profilePrompt(tokens)) {
                chunks.put(String.valueOf(chunk.start()), new Results().put("start", chunk.start()).put("count", chunk.count())
                        .put("ms", chunk.ms()).put("kernels", kernels(chunk.kernels())));
            }
            Results result = new Results().put("promptTokens", longest).put("chunks", chunks);
            // A decode step right after the prompt (its last token again: any token costs the same).
            StepProfile step = model.profileStep(tokens[longest - 1], longest);
            model.forward(tokens[longest - 1], longest, null); // the step for real: its KV row was left meaningless
            result.put("step", new Results().put("position", step.position()).put("ms", step.ms())
                    .put("kernels", kernels(step.kernels())));
            r.put("profile", result);
            gpu.throwIfFailed();
        }

        // The greedy tokens compared with wllama's: the engine's own generation loop, unchanged.
        if (greedyTokens > 0) {
            Completion done = new Generator(tokenizer, model, Clock::now).generate(
                    new CompletionRequest(greedyPrompt, greedyTokens, 0f, 0), (t, s) -> { }, () -> false);
            r.put("greedyTokens", done.tokens()).put("greedyText", done.text());
        }
    }

    private static Results kernels(List<KernelTime> times) {
        Results kernels = new Results();
        for (KernelTime k : times) {
            kernels.put(k.name(), new Results().put("dispatches", k.dispatches()).put("ms", k.ms()));
        }
        return kernels;
    }

    /** The prompt as text for wllama, which tokenizes it itself: the pieces after BOS, joined. */
    private static String text(Tokenizer tokenizer, int[] tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 1; i < tokens.length; i++) {
            byte[] piece = tokenizer.pieceBytes(tokens[i]);
            bytes.write(piece, 0, piece.length);
        }
        String s = new String(bytes.toByteArray(), StandardCharsets.UTF_8);
        // SentencePiece adds the leading space back when it tokenizes.
        return s.startsWith(" ") ? s.substring(1) : s;
    }

    /** Fetches the whole file and counts its bytes, keeping none: the raw transfer rate. */
    private static double drainBody(String url) {
        return Async.await(countBytes(url)).doubleValue();
    }

    @JSBody(params = "url", script = "return fetch(url).then(async function (r) {"
            + " if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + url);"
            + " const reader = r.body.getReader(); let n = 0;"
            + " for (;;) { const c = await reader.read(); if (c.done) return n; n += c.value.byteLength; } });")
    private static native JSPromise<org.teavm.jso.core.JSNumber> countBytes(String url);
}
