package dev.locara.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.gguf.ByteArraySource;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.json.Json;
import dev.locara.synth.EncoderShape;
import dev.locara.synth.SyntheticEncoder;
import dev.locara.tokenizer.Tokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batching, prefixes, cuts, dimensions and the response shape, on small synthetic encoders. */
class EmbedderTest {
    static final EncoderShape NOMIC = new EncoderShape("tiny-nomic", "nomic-bert", 64, 2, 4, 96, 400, 64, 2, Pooling.MEAN);
    static final EncoderShape BERT = new EncoderShape("tiny-bert", "bert", 64, 2, 4, 96, 400, 64, 2, Pooling.CLS);

    static Embedder embedder(EncoderShape shape, GgmlType type) {
        ByteArraySource source = new ByteArraySource(SyntheticEncoder.writer(shape, 3, type).toBytes());
        GgufFile gguf = GgufReader.read(source);
        return new Embedder(new EncoderCpu(gguf, source), Tokenizer.fromGguf(gguf));
    }

    @Test
    void aBatchGivesWhatEachTextGivesAlone() {
        for (EncoderShape shape : List.of(NOMIC, BERT)) {
            Embedder e = embedder(shape, GgmlType.F32);
            List<String> texts = List.of("a short one", "a much longer text, with punctuation; and more words in it!", "x");
            float[][] batch = e.embed(new EmbeddingRequest(texts)).vectors();
            for (int i = 0; i < texts.size(); i++) {
                float[] alone = e.embed(new EmbeddingRequest(List.of(texts.get(i)))).vectors()[0];
                assertArrayEquals(alone, batch[i], 1e-6f, shape.name() + " text " + i);
                assertEquals(1.0, norm(batch[i]), 1e-5);
            }
            assertTrue(Vectors.cosine(batch[0], batch[1]) < 0.999, "different texts give different vectors");
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f * f;
        }
        return Math.sqrt(s);
    }

    @Test
    void nomicPrefixesQueriesAndDocuments() {
        Embedder e = embedder(NOMIC, GgmlType.F32);
        assertEquals("search_query: ", e.config().queryPrefix());
        float[] query = e.embed(new EmbeddingRequest(List.of("what is it"), InputType.QUERY, 0)).vectors()[0];
        float[] document = e.embed(new EmbeddingRequest(List.of("what is it"), InputType.DOCUMENT, 0)).vectors()[0];
        assertArrayEquals(e.embed(new EmbeddingRequest(List.of("search_query: what is it"))).vectors()[0], query);
        assertArrayEquals(e.embed(new EmbeddingRequest(List.of("search_document: what is it"))).vectors()[0], document);
    }

    @Test
    void matryoshkaCutsAndRenormalizes() {
        Embedder e = embedder(NOMIC, GgmlType.F32);
        float[] full = e.embed(new EmbeddingRequest(List.of("hello"))).vectors()[0];
        float[] cut = e.embed(new EmbeddingRequest(List.of("hello"), null, 16)).vectors()[0];
        assertEquals(16, cut.length);
        assertEquals(1.0, norm(cut), 1e-5);
        // nomic's recipe: LayerNorm over all values, cut, normalize.
        double mean = 0;
        for (float f : full) {
            mean += f / full.length;
        }
        float[] expected = new float[16];
        for (int i = 0; i < 16; i++) {
            expected[i] = (float) (full[i] - mean);
        }
        assertEquals(1.0, Vectors.cosine(expected, cut), 1e-6);
        assertTrue(Vectors.cosine(java.util.Arrays.copyOf(full, 16), cut) < 0.99999, "the mean is taken out first");
        assertThrows(IllegalArgumentException.class, () -> e.embed(new EmbeddingRequest(List.of("hello"), null, 65)));
        Embedder bert = embedder(BERT, GgmlType.F32);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> bert.embed(new EmbeddingRequest(List.of("hello"), null, 16)));
        assertTrue(refused.getMessage().contains("Matryoshka"), refused.getMessage());
    }

    @Test
    void overlongInputsAreCutWithAWarning() {
        ByteArraySource source = new ByteArraySource(SyntheticEncoder.writer(BERT, 3, GgmlType.F32).toBytes());
        GgufFile gguf = GgufReader.read(source);
        EncoderCpu model = new EncoderCpu(gguf, source);
        Embedder e = new Embedder(model, Tokenizer.fromGguf(gguf));
        String longText = "a ".repeat(200); // one piece a word: [CLS], 200 pieces, [SEP]
        Embeddings r = e.embed(new EmbeddingRequest(List.of("fine", longText)));
        assertEquals(List.of("input 1 has 202 tokens; it was cut to the model's context of 64."), r.warnings());
        assertEquals(64, r.tokenCounts()[1]);
        int[] ids = e.tokenize(longText);
        int[] cut = java.util.Arrays.copyOf(ids, 64);
        cut[63] = SyntheticEncoder.SEP;
        assertArrayEquals(model.embed(new int[][] {cut})[0], r.vectors()[1], 1e-6f);

        // The same request in two steps, joined: warnings keep the request's own input numbers.
        Embeddings joined = Embeddings.concat(List.of(e.embed(new EmbeddingRequest(List.of("fine"))),
                e.embed(new EmbeddingRequest(List.of(longText)), 1)));
        assertEquals(r.warnings(), joined.warnings());
        assertArrayEquals(r.tokenCounts(), joined.tokenCounts());
        assertArrayEquals(r.vectors()[0], joined.vectors()[0]);
        assertArrayEquals(r.vectors()[1], joined.vectors()[1]);
    }

    @Test
    @SuppressWarnings("unchecked")
    void responseHasOpenAisShape() {
        Embedder e = embedder(NOMIC, GgmlType.Q8_0);
        Embeddings r = e.embed(new EmbeddingRequest(List.of("one", "two words")));
        Map<String, Object> json = (Map<String, Object>) Json.parse(r.toJson("tiny"));
        assertEquals("list", json.get("object"));
        assertEquals("tiny", json.get("model"));
        List<Object> data = (List<Object>) json.get("data");
        assertEquals(2, data.size());
        Map<String, Object> second = (Map<String, Object>) data.get(1);
        assertEquals("embedding", second.get("object"));
        assertEquals(1L, second.get("index"));
        List<Object> vector = (List<Object>) second.get("embedding");
        assertEquals(64, vector.size());
        assertEquals((double) r.vectors()[1][5], ((Number) vector.get(5)).doubleValue(), 1e-7);
        Map<String, Object> usage = (Map<String, Object>) json.get("usage");
        assertEquals((long) r.promptTokens(), usage.get("prompt_tokens"));
        assertEquals(usage.get("prompt_tokens"), usage.get("total_tokens"));
        assertTrue(!json.containsKey("warnings"));
    }

    @Test
    void quantizedWeightsStayClose() {
        List<String> texts = List.of("the quick brown fox", "jumps over the lazy dog");
        for (EncoderShape shape : List.of(NOMIC, BERT)) {
            float[][] f32 = embedder(shape, GgmlType.F32).embed(new EmbeddingRequest(texts)).vectors();
            float[][] f16 = embedder(shape, GgmlType.F16).embed(new EmbeddingRequest(texts)).vectors();
            float[][] q8 = embedder(shape, GgmlType.Q8_0).embed(new EmbeddingRequest(texts)).vectors();
            for (int i = 0; i < texts.size(); i++) {
                assertTrue(Vectors.cosine(f32[i], f16[i]) > 0.9999, shape.name() + " F16");
                assertTrue(Vectors.cosine(f32[i], q8[i]) > 0.999, shape.name() + " Q8_0");
            }
        }
    }

    @Test
    void tokenTypesAddTheirRow() {
        ByteArraySource source = new ByteArraySource(SyntheticEncoder.writer(BERT, 3, GgmlType.F32).toBytes());
        EncoderCpu model = new EncoderCpu(GgufReader.read(source), source);
        int[][] ids = {{SyntheticEncoder.CLS, 20, 30, SyntheticEncoder.SEP}};
        float[] plain = model.embed(ids)[0];
        assertArrayEquals(plain, model.embed(ids, new int[][] {{0, 0, 0, 0}})[0]);
        assertTrue(Vectors.cosine(plain, model.embed(ids, new int[][] {{0, 0, 1, 1}})[0]) < 0.9999, "segment B differs");
    }

    @Test
    void configReadsLlamaCppsKeys() {
        EncoderConfig c = embedder(BERT, GgmlType.F32).config();
        assertEquals(64, c.dim());
        assertEquals(4, c.heads());
        assertEquals(96, c.ffn());
        assertEquals(2, c.layers());
        assertEquals(400, c.vocabSize());
        assertEquals(64, c.contextLength());
        assertEquals(2, c.tokenTypes());
        assertEquals(Pooling.CLS, c.pooling());
        assertEquals(1e-12f, c.normEps());
        assertEquals("", c.queryPrefix());
    }
}
