package dev.locara.e2e.model;

import dev.locara.app.ModelLoader;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.gpu.WebGpu;
import org.teavm.jso.JSBody;

/**
 * Loads one served GGUF through the engine's own loader onto WebGPU and posts the greedy token ids
 * for a prompt, so a test can compare them with the JVM reference on the same file. Parameters come
 * from the worker's URL: {@code greedy-worker.js?file=NAME&prompt=TEXT&n=COUNT}.
 */
public final class GreedyRun {
    private GreedyRun() {
    }

    public static void main(String[] args) {
        try {
            String file = param("file");
            WebGpu gpu = WebGpu.open("kernels/");
            Completion done = ModelLoader.load(gpu, "models/" + file, file, 512).generator().generate(
                    new CompletionRequest(param("prompt"), Integer.parseInt(param("n")), 0f, 0), (t, s) -> { }, () -> false);
            post(done.tokens(), null);
        } catch (RuntimeException e) {
            post(new int[0], e.toString());
        }
    }

    @JSBody(params = "name", script = "return new URL(self.location.href).searchParams.get(name) || '';")
    private static native String param(String name);

    @JSBody(params = {"tokens", "error"}, script = "self.postMessage({tokens: Array.from(tokens), error: error});")
    private static native void post(int[] tokens, String error);
}
