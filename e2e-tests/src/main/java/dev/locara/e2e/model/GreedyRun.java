package dev.locara.e2e.model;

import dev.locara.app.ModelLoader;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.gpu.WebGpu;
import org.teavm.jso.JSBody;

/**
 * Loads one served GGUF through the engine's own loader onto WebGPU and posts the greedy token ids
 * for a prompt (and, when asked, the prompt's last-position logits), so a test can compare them with
 * the JVM reference on the same file. Parameters come from the worker's URL:
 * {@code greedy-worker.js?file=NAME&prompt=TEXT&n=COUNT[&logits=1]}.
 */
public final class GreedyRun {
    private GreedyRun() {
    }

    public static void main(String[] args) {
        try {
            String file = param("file");
            String prompt = param("prompt");
            WebGpu gpu = WebGpu.open("kernels/");
            Generator generator = ModelLoader.load(gpu, "models/" + file, file, 512).generator();
            float[] logits = new float[0];
            if (param("logits").equals("1")) {
                int[] tokens = generator.tokenizer().encode(prompt, true, false);
                logits = new float[generator.model().config().vocabSize()];
                generator.model().forwardBatch(tokens, 0, tokens.length, 0, logits);
            }
            Completion done = generator.generate(new CompletionRequest(prompt, Integer.parseInt(param("n")), 0f, 0),
                    (t, s) -> { }, () -> false);
            post(done.tokens(), logits, null);
        } catch (RuntimeException e) {
            post(new int[0], new float[0], e.toString());
        }
    }

    @JSBody(params = "name", script = "return new URL(self.location.href).searchParams.get(name) || '';")
    private static native String param(String name);

    @JSBody(params = {"tokens", "logits", "error"},
            script = "self.postMessage({tokens: Array.from(tokens), logits: Array.from(logits), error: error});")
    private static native void post(int[] tokens, float[] logits, String error);
}
