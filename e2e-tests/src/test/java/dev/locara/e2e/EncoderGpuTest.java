package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.embed.Embedder;
import dev.locara.embed.EmbeddingRequest;
import dev.locara.embed.EncoderCpu;
import dev.locara.embed.Pooling;
import dev.locara.embed.Vectors;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.onnx.BertOnnxConverter;
import dev.locara.onnx.OnnxReference;
import dev.locara.synth.EncoderShape;
import dev.locara.synth.SyntheticEncoder;
import dev.locara.tokenizer.Tokenizer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebGPU encoder in Chromium against independent references, on the ONNX tests' sentences (short,
 * long, accents, Chinese, code, numbers), tokenized in the browser by each GGUF's own tokenizer:
 * <ul>
 *   <li>all-MiniLM-L6-v2 and bge-small-en-v1.5 from langchain4j's artifacts, converted by convert-onnx's
 *       converter to F32, F16 and Q8_0, against ONNX Runtime's embeddings computed here on the JVM;
 *   <li>nomic-bert (rotary positions, fused q-k-v, SwiGLU) at nomic-embed-text-v1.5's widths, two layers
 *       deep, synthesized in Q8_0, against the CPU reference (which the JVM tests hold to llama.cpp's embeddings);
 *   <li>MiniLM F32 once more, on every fourth sentence, with the kernels' GPU shapes (64-wide reductions and
 *       matrix tiles), so the code a real GPU runs is checked on this emulated adapter.
 * </ul>
 * The token counts must equal Hugging Face's tokenizer's; the cosines meet the floors.
 */
class EncoderGpuTest {
    private static final String MINILM_PREFIX = "all-minilm-l6-v2";
    private static final String BGE_PREFIX = "bge-small-en-v1.5";
    private static final double NOMIC_FLOOR = 0.9999;

    @TempDir
    Path models;

    /** One GGUF to run in the browser and what its vectors are compared with. */
    private record Run(String file, boolean gpuShapes, List<String> texts, float[][] expected, int tokens, double floor,
                       String against) {
    }

    @Test
    void encodersOnWebGpuMatchOnnxRuntimeAndTheCpuReference() throws Exception {
        long started = System.nanoTime();
        List<String> sentences = OnnxReference.sentences();
        List<Run> runs = new ArrayList<>();
        List<Run> gpuShaped = new ArrayList<>();
        onnx(MINILM_PREFIX, Pooling.MEAN, sentences, runs, gpuShaped);
        onnx(BGE_PREFIX, Pooling.CLS, sentences, runs, gpuShaped);
        runs.add(nomic(sentences));
        runs.addAll(gpuShaped); // last: the worker keeps GPU shapes from the first such run on
        double prepared = (System.nanoTime() - started) / 1e9;

        Path checks = Path.of(System.getProperty("locara.checks", "target/checks-webapp"));
        try (Browser browser = new Browser(true, checks, models)) {
            Browser.Session s = browser.open();
            s.page.navigate(browser.url());
            List<Map<String, Object>> request = new ArrayList<>();
            for (Run r : runs) {
                request.add(Map.of("file", r.file, "gpuShapes", r.gpuShapes, "texts", r.texts));
            }
            long browserStart = System.nanoTime();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> results = (List<Map<String, Object>>) s.page.evaluate("(req) => Promise.race(["
                    + " new Promise(resolve => { const out = []; const w = new Worker('embed-worker.js');"
                    + "   w.onmessage = e => { out.push(e.data); if (e.data.done) { w.terminate(); resolve(out); } };"
                    + "   w.postMessage(req); }),"
                    + " new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 900 s')), 900000))])",
                    Map.of("runs", request));
            double browserSeconds = (System.nanoTime() - browserStart) / 1e9;
            assertEquals(runs.size(), results.size(), "one answer per run" + s.log());
            StringBuilder failures = new StringBuilder();
            for (int i = 0; i < runs.size(); i++) {
                Run run = runs.get(i);
                Map<String, Object> got = results.get(i);
                String name = run.file + (run.gpuShapes ? " (GPU shapes)" : "");
                assertNull(got.get("error"), name + ": " + got.get("error") + s.log());
                assertEquals(run.tokens, ((Number) got.get("tokens")).intValue(), name + ": tokens, against Hugging Face's");
                int dim = ((Number) got.get("dim")).intValue();
                assertEquals(run.texts.size() * dim, ((List<?>) got.get("vectors")).size(), name + ": one vector per text");
                List<?> flat = (List<?>) got.get("vectors");
                double min = 1;
                double sum = 0;
                int worst = 0;
                List<String> texts = run.texts;
                for (int t = 0; t < texts.size(); t++) {
                    float[] v = new float[dim];
                    for (int j = 0; j < dim; j++) {
                        v[j] = ((Number) flat.get(t * dim + j)).floatValue();
                    }
                    double c = Vectors.cosine(run.expected[t], v);
                    sum += c;
                    if (!(c >= min)) {
                        min = c;
                        worst = t;
                    }
                }
                System.out.printf("%s: cosine with %s over %d sentences (%d tokens): min %.9f, mean %.9f (floor %s; worst \"%s\");"
                        + " load %.1f s, embed %.1f s%n", name, run.against, texts.size(), run.tokens, min, sum / texts.size(),
                        run.floor, texts.get(worst), ((Number) got.get("loadMs")).doubleValue() / 1000,
                        ((Number) got.get("embedMs")).doubleValue() / 1000);
                if (!(min >= run.floor)) {
                    failures.append("\n- ").append(name).append(": min cosine ").append(min).append(" < ").append(run.floor);
                }
            }
            System.out.printf("encoder check: %d runs, references and conversions %.1f s, browser %.1f s%n", runs.size(),
                    prepared, browserSeconds);
            assertTrue(failures.length() == 0, "encoder vectors below their floors:" + failures);
        }
    }

    /** The model's ONNX Runtime vectors, and its F32, F16 and Q8_0 conversions written beside them. */
    private void onnx(String prefix, Pooling pooling, List<String> sentences, List<Run> runs, List<Run> gpuShaped) throws Exception {
        try (OnnxReference reference = new OnnxReference(prefix + ".onnx", prefix + "-tokenizer.json", pooling)) {
            float[][] expected = new float[sentences.size()][];
            int tokens = 0;
            for (int i = 0; i < expected.length; i++) {
                int[] ids = reference.ids(sentences.get(i));
                tokens += ids.length;
                expected[i] = reference.embed(ids);
            }
            Map<GgmlType, Double> floors = new LinkedHashMap<>();
            floors.put(GgmlType.F32, 0.9999);
            floors.put(GgmlType.F16, 0.999);
            floors.put(GgmlType.Q8_0, 0.99);
            for (Map.Entry<GgmlType, Double> f : floors.entrySet()) {
                String file = prefix + "-" + f.getKey().toString().toLowerCase() + ".gguf";
                BertOnnxConverter.Result r = BertOnnxConverter.convert(new ByteArrayInputStream(reference.onnx),
                        reference.tokenizerJson, new BertOnnxConverter.Options(f.getKey(), pooling, 0, "", "", prefix));
                try (OutputStream out = Files.newOutputStream(models.resolve(file))) {
                    r.writer().write(out);
                }
                runs.add(new Run(file, false, sentences, expected, tokens, f.getValue(), "ONNX Runtime"));
                if (prefix.equals(MINILM_PREFIX) && f.getKey() == GgmlType.F32) {
                    // Every fourth sentence: the shapes' code paths, not the sentences, are what this run adds.
                    List<String> some = new ArrayList<>();
                    List<float[]> theirs = new ArrayList<>();
                    int someTokens = 0;
                    for (int i = 0; i < sentences.size(); i += 4) {
                        some.add(sentences.get(i));
                        theirs.add(expected[i]);
                        someTokens += reference.ids(sentences.get(i)).length;
                    }
                    gpuShaped.add(new Run(file, true, some, theirs.toArray(new float[0][]), someTokens, f.getValue(),
                            "ONNX Runtime"));
                }
            }
        }
    }

    /**
     * A synthesized nomic-bert of the real widths, and the CPU reference's vectors of every third sentence
     * (its phantom-space vocabulary spells words letter by letter: the whole list would be 2700 tokens).
     */
    private Run nomic(List<String> all) throws Exception {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 3) {
            sentences.add(all.get(i));
        }
        EncoderShape shape = EncoderShape.NAMED.get("nomic-embed-text-v1.5").withLayers(2);
        String file = "nomic-bert-q8_0.gguf";
        Path path = models.resolve(file);
        try (OutputStream out = Files.newOutputStream(path)) {
            SyntheticEncoder.writer(shape, 21, GgmlType.Q8_0).write(out);
        }
        try (FileByteSource source = new FileByteSource(path)) {
            GgufFile gguf = GgufReader.read(source);
            Embedder cpu = new Embedder(new EncoderCpu(gguf, source), Tokenizer.fromGguf(gguf));
            var e = cpu.embed(new EmbeddingRequest(sentences));
            return new Run(file, false, sentences, e.vectors(), e.promptTokens(), NOMIC_FLOOR, "the CPU reference");
        }
    }
}
