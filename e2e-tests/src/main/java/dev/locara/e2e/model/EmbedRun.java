package dev.locara.e2e.model;

import dev.locara.app.ModelLoader;
import dev.locara.cache.HttpRangeSource;
import dev.locara.embed.Embedder;
import dev.locara.embed.EmbeddingRequest;
import dev.locara.embed.Embeddings;
import dev.locara.gpu.WebGpu;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;

/**
 * Loads served encoder GGUFs one after another through the engine's loader onto WebGPU and posts each
 * one's embeddings of the same texts (tokenized in the browser, with the model's own tokenizer), so a
 * test can compare them with ONNX Runtime's or the CPU reference's. The request comes from the page
 * (embed-worker.js): the runs, each a file, its texts and whether the kernels take a GPU's shapes on
 * this adapter.
 */
public final class EmbedRun {
    private EmbedRun() {
    }

    public static void main(String[] args) {
        WebGpu gpu;
        try {
            gpu = WebGpu.open("kernels/");
        } catch (RuntimeException e) {
            post("", 0, new float[0], 0, e.toString(), true, 0, 0);
            return;
        }
        int runs = runCount();
        for (int r = 0; r < runs; r++) {
            String file = runFile(r);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < textCount(r); i++) {
                texts.add(text(r, i));
            }
            try {
                if (runGpuShapes(r)) {
                    gpu.useGpuShapes(); // every run after this one too: the runs list them last
                }
                double t0 = now();
                Embedder embedder = ModelLoader.loadEncoder(gpu, HttpRangeSource.open("models/" + file, file));
                double t1 = now();
                Embeddings e = embedder.embed(new EmbeddingRequest(texts));
                double t2 = now();
                int dim = embedder.config().dim();
                float[] flat = new float[texts.size() * dim];
                for (int i = 0; i < texts.size(); i++) {
                    System.arraycopy(e.vectors()[i], 0, flat, i * dim, dim);
                }
                post(file, dim, flat, e.promptTokens(), e.warnings().isEmpty() ? null : e.warnings().toString(), r == runs - 1,
                        t1 - t0, t2 - t1);
            } catch (RuntimeException e) {
                post(file, 0, new float[0], 0, e.toString(), r == runs - 1, 0, 0);
            } finally {
                gpu.buffers().releaseAll();
            }
        }
    }

    @JSBody(params = "run", script = "return self.embedRequest.runs[run].texts.length;")
    private static native int textCount(int run);

    @JSBody(params = {"run", "i"}, script = "return self.embedRequest.runs[run].texts[i];")
    private static native String text(int run, int i);

    @JSBody(script = "return self.embedRequest.runs.length;")
    private static native int runCount();

    @JSBody(params = "i", script = "return self.embedRequest.runs[i].file;")
    private static native String runFile(int i);

    @JSBody(params = "i", script = "return !!self.embedRequest.runs[i].gpuShapes;")
    private static native boolean runGpuShapes(int i);

    /** One run's answer, with how long its loading and its embedding took (milliseconds, for the test's report only). */
    @JSBody(params = {"file", "dim", "vectors", "tokens", "error", "done", "loadMs", "embedMs"},
            script = "self.postMessage({file: file, dim: dim, vectors: Array.from(vectors), tokens: tokens, error: error, done: done,"
                    + " loadMs: loadMs, embedMs: embedMs});")
    private static native void post(String file, int dim, float[] vectors, int tokens, String error, boolean done,
                                    double loadMs, double embedMs);

    @JSBody(script = "return performance.now();")
    private static native double now();
}
