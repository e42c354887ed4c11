package dev.locara.bench.worker;

import dev.locara.app.ModelLoader;
import dev.locara.cache.HttpRangeSource;
import dev.locara.embed.Embedder;
import dev.locara.embed.EmbeddingRequest;
import dev.locara.embed.Embeddings;
import dev.locara.gpu.GpuEncoder;
import dev.locara.gpu.KernelTime;
import dev.locara.gpu.WebGpu;
import java.util.ArrayList;
import java.util.List;

/**
 * One embedding model through the engine's own classes, as embeddings.create runs it: loaded by the
 * engine's loader, then {@code chunks} texts of exactly {@code tokens} tokens each
 * (special tokens included) embedded as one request, the first 4 once to warm up, then all of them
 * timed {@code runs} times; the best run gives embeddings per second (and with {@code profile}, one chunk kernel by kernel). The texts are posted back for wllama to embed.
 */
final class EmbedRun {
    private static final String[] WORDS = ("the lighthouse keeper kept a small notebook of every ship that passed her"
            + " island and the weather on each day together with notes about birds tides and the colour of the sea"
            + " in the evening when the lamp was lit she read the entries aloud to her cat").split(" ");

    private EmbedRun() {
    }

    static void run(WebGpu gpu, Results r, String file, int chunks, int tokens, int runs, boolean profile) {
        double loadStart = Clock.now();
        Embedder embedder = ModelLoader.loadEncoder(gpu, HttpRangeSource.open("models/" + file, file));
        r.put("file", file).put("loadMs", Clock.now() - loadStart);

        List<String> texts = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            texts.add(chunk(embedder, i * 7, tokens));
        }
        EmbeddingRequest request = new EmbeddingRequest(texts);
        embedder.embed(new EmbeddingRequest(texts.subList(0, Math.min(4, chunks)))); // the first submissions' costs
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            double t = Clock.now();
            Embeddings e = embedder.embed(request);
            best = Math.min(best, Clock.now() - t);
            r.put("promptTokens", e.promptTokens());
        }
        if (profile && embedder.model() instanceof GpuEncoder encoder) {
            // --profile: the first chunk alone, kernel by kernel (GpuEncoder.profile; each kernel runs 19 times).
            int[][] sequences = new int[1][];
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = embedder.tokenize(texts.get(i));
            }
            Results times = new Results();
            for (KernelTime k : encoder.profile(sequences)) {
                times.put(k.name(), k.dispatches() + " dispatches, " + Math.round(k.ms()) + " ms");
            }
            r.put("profile", times);
        }
        gpu.throwIfFailed();
        r.put("chunks", chunks).put("tokens", tokens).put("runs", runs).put("bestMs", best).put("embeddingsPerSecond", chunks * 1000 / best);
        r.put("texts", texts.toArray(new String[0]));
    }

    /** Words from {@code start} on, as many as make exactly {@code tokens} tokens with [CLS] and [SEP] (or the most below). */
    private static String chunk(Embedder embedder, int start, int tokens) {
        StringBuilder text = new StringBuilder();
        for (int w = start; ; w++) {
            String next = (text.length() == 0 ? "" : text + " ") + WORDS[w % WORDS.length];
            if (embedder.tokenize(next).length > tokens) {
                return text.toString();
            }
            text.setLength(0);
            text.append(next);
        }
    }
}
