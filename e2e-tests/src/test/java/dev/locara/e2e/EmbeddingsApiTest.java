package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.embed.Embedder;
import dev.locara.embed.EmbeddingRequest;
import dev.locara.embed.Embeddings;
import dev.locara.embed.EncoderCpu;
import dev.locara.embed.InputType;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * window.locara.embeddings.create in headless Chromium on WebGPU: OpenAI's response shape, a string or
 * an array of strings, the warning for an input cut to the context, the query prefix and Matryoshka
 * dimensions (nomic-bert) and their refusal where the model has none, bad fields, progress and abort
 * over a large batch; every vector against the JVM's CPU reference on the same GGUF.
 */
class EmbeddingsApiTest {
    private static final double FLOOR = 0.9999;

    @TempDir
    Path models;

    @Test
    @SuppressWarnings("unchecked")
    void embeddingsCreateAnswersInOpenAisShapeWithTheReferencesVectors() throws Exception {
        List<String> texts = OnnxReference.sentences().subList(0, 12);
        Path minilm = models.resolve("minilm-q8.gguf");
        try (OnnxReference onnx = new OnnxReference("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", Pooling.MEAN);
             OutputStream out = Files.newOutputStream(minilm)) {
            BertOnnxConverter.convert(new ByteArrayInputStream(onnx.onnx), onnx.tokenizerJson,
                    new BertOnnxConverter.Options(GgmlType.Q8_0, Pooling.MEAN, 0, "", "", "all-minilm-l6-v2")).writer().write(out);
        }
        // A narrow nomic-bert: rotary positions, SwiGLU, its prefixes and Matryoshka dimensions, quick to load.
        Path nomic = models.resolve("nomic-small.gguf");
        try (OutputStream out = Files.newOutputStream(nomic)) {
            SyntheticEncoder.writer(new EncoderShape("nomic-small", "nomic-bert", 128, 2, 4, 256, 512, 256, 2, Pooling.MEAN),
                    5, GgmlType.F32).write(out);
        }
        String longText = String.join(" ", java.util.Collections.nCopies(60, texts.get(3)));
        Embeddings expected = reference(minilm, new EmbeddingRequest(texts));
        Embeddings expectedLong = reference(minilm, new EmbeddingRequest(List.of(longText)));
        Embeddings expectedQuery = reference(nomic, new EmbeddingRequest(texts, InputType.QUERY, 32));

        try (Browser browser = new Browser(true, null, models)) {
            Browser.Session s = browser.open();
            s.page.setDefaultTimeout(120_000);
            s.page.navigate(browser.url());
            s.page.waitForSelector("#status[data-state=ready]");
            s.call("async () => { await locara.models.add({url: '/models/minilm-q8.gguf'});"
                    + " await locara.models.add({url: '/models/nomic-small.gguf'}); return true; }");

            // 1. An array of strings: OpenAI's shape, the reference's vectors and token counts.
            Map<String, Object> r = (Map<String, Object>) s.page.evaluate("(texts) => locara.embeddings.create("
                    + "{model: 'minilm-q8', input: texts})", texts);
            assertEquals("list", r.get("object"), r + s.log());
            assertEquals("minilm-q8", r.get("model"));
            assertFalse(r.containsKey("warnings"), "no input was cut: " + r.get("warnings"));
            Map<String, Object> usage = (Map<String, Object>) r.get("usage");
            assertEquals(expected.promptTokens(), ((Number) usage.get("prompt_tokens")).intValue());
            assertEquals(expected.promptTokens(), ((Number) usage.get("total_tokens")).intValue());
            double worst = check(r, expected, 384);
            System.out.printf("embeddings.create, MiniLM Q8_0, %d texts: min cosine with the CPU reference %.9f%n", texts.size(), worst);

            // 2. One string, cut to the context with a warning.
            Map<String, Object> cut = (Map<String, Object>) s.page.evaluate("(text) => locara.embeddings.create("
                    + "{model: 'minilm-q8', input: text})", longText);
            assertEquals(List.of(expectedLong.warnings().get(0)), cut.get("warnings"), cut.get("warnings") + s.log());
            assertEquals(512, ((Number) ((Map<String, Object>) cut.get("usage")).get("prompt_tokens")).intValue());
            check(cut, expectedLong, 384);

            // 3. nomic-bert: the query prefix and 32 Matryoshka dimensions, renormalized, as the reference cuts them.
            Map<String, Object> q = (Map<String, Object>) s.page.evaluate("(texts) => locara.embeddings.create("
                    + "{model: 'nomic-small', input: texts, input_type: 'query', dimensions: 32})", texts);
            assertEquals(expectedQuery.promptTokens(), ((Number) ((Map<String, Object>) q.get("usage")).get("prompt_tokens")).intValue());
            worst = check(q, expectedQuery, 32);
            System.out.printf("embeddings.create, nomic-bert, query prefix, 32 dimensions: min cosine with the CPU reference %.9f%n",
                    worst);

            // 4. Refusals: dimensions where the model has no Matryoshka training, and bad fields, as typed errors.
            String noCut = (String) s.call("() => locara.embeddings.create({model: 'minilm-q8', input: 'x', dimensions: 64})"
                    + ".then(() => 'resolved', e => e.name + '|' + e.code + '|' + e.message)");
            assertTrue(noCut.startsWith("LocaraError|invalid_request|") && noCut.contains("Matryoshka"), noCut);
            for (String bad : List.of("{model: 'minilm-q8', input: []}", "{model: 'minilm-q8', input: [1, 2]}",
                    "{model: 'minilm-q8', input: 'x', input_type: 'passage'}", "{input: 'x'}", "undefined")) {
                String e = (String) s.call("() => locara.embeddings.create(" + bad + ").then(() => 'resolved', e => e.name + '|' + e.code)");
                assertEquals("TypeError|invalid_request", e, bad);
            }
            String unknown = (String) s.call("() => locara.embeddings.create({model: 'no-such-model', input: 'x'})"
                    + ".then(() => 'resolved', e => e.code)");
            assertEquals("model_not_found", unknown, s.log());

            // 5. A large batch reports each step; aborting at the first report rejects, and the engine serves on.
            Map<String, Object> steps = (Map<String, Object>) s.call("async () => { const input = [];"
                    + " for (let i = 0; i < 130; i++) input.push('text number ' + i);"
                    + " const seen = []; const r = await locara.embeddings.create({model: 'minilm-q8', input,"
                    + "  onProgress: p => seen.push(p.stage + ' ' + p.step + '/' + p.steps)});"
                    + " const c = new AbortController(); const more = input.concat(input);"
                    + " const aborted = await locara.embeddings.create({model: 'minilm-q8', input: more, signal: c.signal,"
                    + "  onProgress: () => c.abort()}).then(() => 'resolved', e => e.code + '|' + e.message);"
                    + " const after = await locara.embeddings.create({model: 'minilm-q8', input: 'still here'});"
                    + " return {seen, n: r.data.length, last: r.data[129].index, aborted, after: after.data.length}; }");
            assertEquals(List.of("embed 1/3", "embed 2/3", "embed 3/3"), steps.get("seen"), steps.toString());
            assertEquals(130, ((Number) steps.get("n")).intValue());
            assertEquals(129, ((Number) steps.get("last")).intValue());
            assertTrue(String.valueOf(steps.get("aborted")).startsWith("embedding_cancelled|"), steps.toString());
            assertEquals(1, ((Number) steps.get("after")).intValue());
        }
    }

    private static Embeddings reference(Path file, EmbeddingRequest request) throws Exception {
        try (FileByteSource source = new FileByteSource(file)) {
            GgufFile gguf = GgufReader.read(source);
            return new Embedder(new EncoderCpu(gguf, source), Tokenizer.fromGguf(gguf)).embed(request);
        }
    }

    /** Each data item's shape, and its vector against the reference's; returns the smallest cosine. */
    @SuppressWarnings("unchecked")
    private static double check(Map<String, Object> response, Embeddings expected, int dim) {
        List<Map<String, Object>> data = (List<Map<String, Object>>) response.get("data");
        assertEquals(expected.vectors().length, data.size());
        double worst = 1;
        for (int i = 0; i < data.size(); i++) {
            Map<String, Object> item = data.get(i);
            assertEquals("embedding", item.get("object"));
            assertEquals(i, ((Number) item.get("index")).intValue());
            List<Object> values = (List<Object>) item.get("embedding");
            assertEquals(dim, values.size());
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = ((Number) values.get(j)).floatValue();
            }
            double c = Vectors.cosine(expected.vectors()[i], v);
            assertTrue(c >= FLOOR, "input " + i + ": cosine " + c + " with the CPU reference");
            assertEquals(1.0, squaredNorm(v), 1e-5, "unit length");
            worst = Math.min(worst, c);
        }
        return worst;
    }

    private static double squaredNorm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += (double) f * f;
        }
        return s;
    }
}
