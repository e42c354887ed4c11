package dev.locara.bench.worker;

import dev.locara.cache.HttpRangeSource;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.gpu.GpuLlama;
import dev.locara.gpu.WebGpu;
import dev.locara.gpu.WeightUpload;
import dev.locara.js.Async;
import dev.locara.sample.Sampler;
import dev.locara.tokenizer.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.teavm.jso.JSBody;
import org.teavm.jso.core.JSPromise;

/**
 * One model through the engine's own classes, as the app's worker runs it: the loader's steps
 * (Range-read header, GpuLlama, weights streamed into GPU buffers), then prompts and greedy decode
 * through {@code GpuLlama.forward}, token by token, exactly as {@code Generator} drives it. The
 * loop is written out here (rather than timed around {@code Generator.generate}) so that prompt
 * processing and decode are timed apart and decode always runs its full count: random synthetic
 * weights may sample the end-of-text token at any step.
 */
final class ModelRun {
    // Text the prompts are cut from: tokenized, repeated until long enough, truncated to the length.
    private static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play"
            + " outside in the park with her friends. One day, she saw a big red ball under a tree and ran to get it. ";

    private ModelRun() {
    }

    static void run(WebGpu gpu, Results r, String file, int context, int[] promptLengths, int decode,
                    String greedyPrompt, int greedyTokens) {
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
            model = new GpuLlama(gpu, gguf, context);
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
        double end = Clock.now();
        // The weight stream alone, apart from header reads and pipeline compilation, which dominate small models.
        r.put("loadMs", end - loadStart).put("streamMs", end - streamStart).put("streamBytes", (double) (upload.end() - upload.start()));
        r.put("gpuBytes", (double) gpu.allocatedBytes());
        r.put("weightBytesPerToken", (double) weightBytesPerToken(gguf));
        r.put("context", model.contextLength());

        float[] logits = new float[model.config().vocabSize()];
        Results prompts = new Results();
        for (int n : promptLengths) {
            if (n >= model.contextLength()) {
                prompts.put(String.valueOf(n), new Results().put("skipped", "the model's context is "
                        + model.contextLength() + " tokens"));
                continue;
            }
            double start = Clock.now();
            int[] tokens = promptTokens(tokenizer, n);
            for (int i = 0; i < n - 1; i++) {
                model.forward(tokens[i], i, null);
            }
            model.forward(tokens[n - 1], n - 1, logits);
            int token = Sampler.argmax(logits);
            double promptMs = Clock.now() - start;
            Results p = new Results().put("tokens", n).put("ms", promptMs).put("text", text(tokenizer, tokens));
            // Decode continues the first prompt, within the context.
            if (n == promptLengths[0]) {
                int steps = Math.min(decode, model.contextLength() - n);
                int[] generated = new int[steps];
                double decodeStart = Clock.now();
                for (int i = 0; i < steps; i++) {
                    generated[i] = token;
                    model.forward(token, n + i, logits);
                    token = Sampler.argmax(logits);
                }
                p.put("decodeTokens", steps).put("decodeMs", Clock.now() - decodeStart);
            }
            prompts.put(String.valueOf(n), p);
        }
        r.put("prompts", prompts);
        gpu.throwIfFailed();

        // The greedy tokens compared with wllama's: the engine's own generation loop, unchanged.
        if (greedyTokens > 0) {
            Completion done = new Generator(tokenizer, model).generate(
                    new CompletionRequest(greedyPrompt, greedyTokens, 0f, 0), (t, s) -> { }, () -> false);
            r.put("greedyTokens", done.tokens()).put("greedyText", done.text());
        }
    }

    /**
     * Bytes of weights one decode step reads: every tensor once, except the token embedding, of
     * which a step reads one row, unless the output projection is tied to it and reads it whole.
     */
    static long weightBytesPerToken(GgufFile gguf) {
        boolean tied = gguf.tensor("output.weight") == null;
        long sum = 0;
        for (GgufTensorInfo t : gguf.tensors()) {
            if (!t.name().equals("token_embd.weight") || tied) {
                sum += t.bytes();
            }
        }
        return sum;
    }

    private static int[] promptTokens(Tokenizer tokenizer, int n) {
        StringBuilder text = new StringBuilder(STORY);
        int[] ids = tokenizer.encode(text.toString(), true, false);
        while (ids.length < n) {
            text.append(STORY);
            ids = tokenizer.encode(text.toString(), true, false);
        }
        return Arrays.copyOf(ids, n);
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
