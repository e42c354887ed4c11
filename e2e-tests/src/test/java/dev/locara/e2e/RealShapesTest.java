package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.model.LlamaCpu;
import dev.locara.quant.QuantPreset;
import dev.locara.synth.ModelShape;
import dev.locara.synth.SyntheticModel;
import dev.locara.tokenizer.Tokenizer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Qwen2.5-0.5B at its real widths, heads and vocabulary, in its Q4_K_M release's tensor types (written by the project's synthesizer, two layers deep to stay small): on WebGPU in
 * Chromium the last-position logits of a 32-plus-token prompt match the JVM reference within a
 * stated tolerance, and 16 greedy tokens are identical.
 */
class RealShapesTest {
    /** Worst |gpu - cpu| relative to the largest |logit|: f32 sums in another order, and the same dequantized weights. */
    private static final double LOGIT_TOLERANCE = 1e-3;
    private static final int STEPS = 16;
    private static final int LAYERS = 2;
    private static final String PROMPT = "Once upon a time, in a small village by the sea, an old fisherman told the"
            + " children a story every evening about the lighthouse keeper and her clever cat.";

    @TempDir
    Path models;

    @Test
    void realShapedModelsMatchTheJvmReferenceInTheBrowser() throws Exception {
        // Wider ones (Llama-3.2-1B: a 128256 x 2048 embedding; Phi-3; Gemma) take minutes each on SwiftShader,
        // too long for the default test run; ArchitectureChecks covers every family's switches at small widths.
        List<String> names = List.of("qwen2.5-0.5b");
        for (String name : names) {
            ModelShape real = ModelShape.NAMED.get(name);
            ModelShape shape = new ModelShape(real.name(), real.architecture(), real.dim(), LAYERS, real.heads(),
                    real.kvHeads(), real.ffn(), real.vocab(), real.context(), real.ropeTheta(), real.normEps(),
                    real.tiedOutput(), real.ropeScaling(), real.headDim(), real.slidingWindow(), real.attnSoftcap(),
                    real.finalSoftcap());
            try (OutputStream out = Files.newOutputStream(models.resolve(name + ".gguf"))) {
                SyntheticModel.writer(shape, 11, QuantPreset.Q4_K_M).write(out);
            }
        }
        Path checks = Path.of(System.getProperty("locara.checks", "target/checks-webapp"));
        try (Browser browser = new Browser(true, checks, models)) {
            Browser.Session s = browser.open();
            s.page.navigate(browser.url());
            for (String name : names) {
                Reference reference = jvm(models.resolve(name + ".gguf"));
                assertTrue(reference.promptTokens >= 32, name + ": the prompt is " + reference.promptTokens + " tokens");
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) s.call("() => new Promise(resolve => {"
                        + " const w = new Worker('greedy-worker.js?file=" + name + ".gguf&n=" + STEPS + "&logits=1"
                        + "&prompt=' + encodeURIComponent('" + PROMPT.replace("'", "\\'") + "'));"
                        + " w.onmessage = e => { resolve(e.data); w.terminate(); }; })");
                assertEquals(null, result.get("error"), name + s.log());
                List<?> gpuLogits = (List<?>) result.get("logits");
                assertEquals(reference.logits.length, gpuLogits.size(), name);
                double worst = 0;
                double largest = 0;
                for (int i = 0; i < reference.logits.length; i++) {
                    worst = Math.max(worst, Math.abs(((Number) gpuLogits.get(i)).doubleValue() - reference.logits[i]));
                    largest = Math.max(largest, Math.abs(reference.logits[i]));
                }
                System.out.printf("%s: %d prompt tokens, logits max |gpu - cpu| / max |logit| = %.2e%n",
                        name, reference.promptTokens, worst / largest);
                assertTrue(worst / largest <= LOGIT_TOLERANCE, name + ": relative logit error " + worst / largest);
                assertEquals(reference.tokens, ints(result.get("tokens")), name + ": greedy tokens differ" + s.log());
            }
        }
    }

    private record Reference(int promptTokens, float[] logits, List<Integer> tokens) {
    }

    private static Reference jvm(Path file) throws Exception {
        try (FileByteSource source = new FileByteSource(file)) {
            GgufFile gguf = GgufReader.read(source);
            Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
            LlamaCpu model = new LlamaCpu(gguf, source, 512);
            int[] prompt = tokenizer.encode(PROMPT, true, false);
            float[] logits = new float[model.config().vocabSize()];
            model.forwardBatch(prompt, 0, prompt.length, 0, logits);
            Completion done = new Generator(tokenizer, model).generate(new CompletionRequest(PROMPT, STEPS, 0f, 0),
                    (t, x) -> { }, () -> false);
            List<Integer> tokens = new ArrayList<>();
            for (int t : done.tokens()) {
                tokens.add(t);
            }
            return new Reference(prompt.length, logits, tokens);
        }
    }

    private static List<Integer> ints(Object list) {
        List<Integer> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(((Number) o).intValue());
        }
        return out;
    }
}
