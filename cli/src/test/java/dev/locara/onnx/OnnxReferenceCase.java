package dev.locara.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.embed.Embedder;
import dev.locara.embed.EmbeddingRequest;
import dev.locara.embed.Embeddings;
import dev.locara.embed.EncoderCpu;
import dev.locara.embed.InputType;
import dev.locara.embed.Pooling;
import dev.locara.embed.Vectors;
import dev.locara.gguf.ByteArraySource;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.tokenizer.Tokenizer;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One langchain4j ONNX model against its GGUF conversion: the tokenizer id for id against Hugging Face's
 * (DJL), and the CPU reference's embeddings against ONNX Runtime's on the test sentences, for each type
 * convert-onnx writes. Subclasses name the model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OnnxReferenceCase {
    private final String onnxResource;
    private final String tokenizerResource;
    private final Pooling pooling;
    private final String queryPrefix;
    private OnnxReference reference;
    private List<String> sentences;
    private float[][] expected; // ONNX Runtime's vectors for the sentences
    private Embedder f32;       // converted once for the tests that need F32 only

    OnnxReferenceCase(String onnxResource, String tokenizerResource, Pooling pooling, String queryPrefix) {
        this.onnxResource = onnxResource;
        this.tokenizerResource = tokenizerResource;
        this.pooling = pooling;
        this.queryPrefix = queryPrefix;
    }

    @BeforeAll
    void setUp() throws Exception {
        reference = new OnnxReference(onnxResource, tokenizerResource, pooling);
        sentences = OnnxReference.sentences();
        expected = new float[sentences.size()][];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = reference.embed(reference.ids(sentences.get(i)));
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        reference.close();
    }

    Embedder f32() throws Exception {
        if (f32 == null) {
            f32 = convert(GgmlType.F32);
        }
        return f32;
    }

    Embedder convert(GgmlType type) throws Exception {
        BertOnnxConverter.Result r = BertOnnxConverter.convert(new ByteArrayInputStream(reference.onnx), reference.tokenizerJson,
                new BertOnnxConverter.Options(type, pooling, 0, queryPrefix, "", onnxResource));
        byte[] bytes = r.writer().toBytes();
        ByteArraySource source = new ByteArraySource(bytes);
        GgufFile gguf = GgufReader.read(source);
        return new Embedder(new EncoderCpu(gguf, source), Tokenizer.fromGguf(gguf));
    }

    @Test
    void tokenizerGivesHuggingFacesIds() throws Exception {
        Embedder embedder = f32();
        List<String> mismatches = new ArrayList<>();
        List<String> texts = new ArrayList<>(sentences);
        if (!queryPrefix.isEmpty()) {
            texts.add(queryPrefix + sentences.get(4));
        }
        for (String s : texts) {
            int[] want = reference.ids(s);
            int[] got = embedder.tokenize(s);
            if (!Arrays.equals(want, got)) {
                mismatches.add(s + "\n  hf:  " + Arrays.toString(want) + "\n  ours: " + Arrays.toString(got));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " sentences tokenize differently:\n" + String.join("\n", mismatches));
    }

    @Test
    void f32MatchesOnnxRuntime() throws Exception {
        check(GgmlType.F32, 0.99999);
    }

    @Test
    void f16MatchesOnnxRuntime() throws Exception {
        check(GgmlType.F16, 0.999);
    }

    @Test
    void q8MatchesOnnxRuntime() throws Exception {
        check(GgmlType.Q8_0, 0.99);
    }

    private void check(GgmlType type, double floor) throws Exception {
        Embedder embedder = type == GgmlType.F32 ? f32() : convert(type);
        long start = System.nanoTime();
        Embeddings got = embedder.embed(new EmbeddingRequest(sentences));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(got.warnings().isEmpty(), got.warnings().toString());
        double min = 1, sum = 0;
        int worst = 0;
        for (int i = 0; i < sentences.size(); i++) {
            double c = Vectors.cosine(expected[i], got.vectors()[i]);
            sum += c;
            if (c < min) {
                min = c;
                worst = i;
            }
        }
        System.out.printf("%s %s: cosine with ONNX Runtime over %d sentences (%d tokens): min %.9f, mean %.9f (worst: \"%s\"); "
                + "CPU reference %.1f s%n", onnxResource, type, sentences.size(), got.promptTokens(), min, sum / sentences.size(),
                sentences.get(worst), seconds);
        assertTrue(min >= floor, type + ": min cosine " + min + " < " + floor + " on \"" + sentences.get(worst) + "\"");
    }

    /** An input past the context is cut to it with a warning, and the cut sequence is the one ONNX Runtime embeds. */
    @Test
    void overlongInputIsCutWithAWarning() throws Exception {
        Embedder embedder = f32();
        String longText = String.join(" ", java.util.Collections.nCopies(40, sentences.get(sentences.size() - 2)));
        Embeddings got = embedder.embed(new EmbeddingRequest(List.of("short one", longText)));
        int context = embedder.config().contextLength();
        assertEquals(1, got.warnings().size(), got.warnings().toString());
        assertTrue(got.warnings().get(0).startsWith("input 1 has "), got.warnings().get(0));
        assertEquals(context, got.tokenCounts()[1]);
        int[] full = reference.ids(longText);
        int[] cut = Arrays.copyOf(full, context);
        cut[context - 1] = full[full.length - 1]; // [SEP] closes the cut sequence
        assertTrue(Vectors.cosine(reference.embed(cut), got.vectors()[1]) >= 0.99999);
    }

    /** The query type puts the model's instruction before the text; documents go as they are. */
    @Test
    void inputTypePicksThePrefix() throws Exception {
        Embedder embedder = f32();
        String text = sentences.get(4);
        float[] query = embedder.embed(new EmbeddingRequest(List.of(text), InputType.QUERY, 0)).vectors()[0];
        float[] document = embedder.embed(new EmbeddingRequest(List.of(text), InputType.DOCUMENT, 0)).vectors()[0];
        assertTrue(Vectors.cosine(reference.embed(reference.ids(queryPrefix + text)), query) >= 0.99999);
        assertArrayEquals(embedder.embed(new EmbeddingRequest(List.of(text))).vectors()[0], document);
    }
}
