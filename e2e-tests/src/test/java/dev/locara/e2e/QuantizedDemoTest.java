package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.model.LlamaCpu;
import dev.locara.quant.ModelQuantizer;
import dev.locara.quant.QuantPreset;
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
 * The demo model quantized by the project's own quantizer (Q8_0, Q4_0) runs on WebGPU in headless
 * Chromium with the same greedy tokens as the JVM reference on the same file; Q8_0 still gives
 * llama.cpp's 64 tokens for the F32 original.
 */
class QuantizedDemoTest {
    private static final String PROMPT = "Once upon a time";
    private static final int STEPS = 64;

    @TempDir
    Path models;

    @Test
    void quantizedDemoModelGivesTheReferenceTokensInTheBrowser() throws Exception {
        Path demo = Path.of(System.getProperty("locara.models", "../../shared/models"), "stories260K.gguf");
        List<String> files = List.of("stories260K-q8_0.gguf", "stories260K-q4_0.gguf");
        List<QuantPreset> presets = List.of(QuantPreset.Q8_0, QuantPreset.Q4_0);
        try (FileByteSource source = new FileByteSource(demo)) {
            GgufFile gguf = GgufReader.read(source);
            for (int i = 0; i < files.size(); i++) {
                try (OutputStream out = Files.newOutputStream(models.resolve(files.get(i)))) {
                    ModelQuantizer.quantize(gguf, source, presets.get(i), out);
                }
            }
        }
        Path checks = Path.of(System.getProperty("locara.checks", "target/checks-webapp"));
        try (Browser browser = new Browser(true, checks, models)) {
            Browser.Session s = browser.open();
            s.page.navigate(browser.url());
            for (String file : files) {
                List<Integer> reference = jvmGreedy(models.resolve(file));
                @SuppressWarnings("unchecked")
                Map<String, Object> result = (Map<String, Object>) s.call("() => new Promise(resolve => {"
                        + " const w = new Worker('greedy-worker.js?file=" + file + "&n=" + STEPS
                        + "&prompt=' + encodeURIComponent('" + PROMPT + "')); w.onmessage = e => resolve(e.data); })");
                assertEquals(null, result.get("error"), file + s.log());
                assertEquals(reference, ints(result.get("tokens")), file + ": WebGPU and the JVM reference differ" + s.log());
                if (file.contains("q8_0")) {
                    assertEquals(WorkbenchTest.GREEDY_64, reference, "Q8_0 keeps llama.cpp's F32 greedy tokens");
                }
            }
        }
    }

    private static List<Integer> jvmGreedy(Path file) throws Exception {
        try (FileByteSource source = new FileByteSource(file)) {
            GgufFile gguf = GgufReader.read(source);
            Completion done = new Generator(Tokenizer.fromGguf(gguf), new LlamaCpu(gguf, source, 512))
                    .generate(new CompletionRequest(PROMPT, STEPS, 0f, 0), (t, x) -> { }, () -> false);
            List<Integer> out = new ArrayList<>();
            for (int t : done.tokens()) {
                out.add(t);
            }
            return out;
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
