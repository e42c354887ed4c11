package dev.locara.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locara.DemoModel;
import dev.locara.gguf.ByteArraySource;
import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.model.LanguageModel;
import dev.locara.model.LlamaConfig;
import dev.locara.model.LlamaCpu;
import dev.locara.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelBenchmarkTest {
    /** The demo model is about 1 MB: held in memory, nothing to close. */
    private static ByteSource source;
    private static GgufFile gguf;
    private static Tokenizer tokenizer;

    @BeforeAll
    static void read() throws IOException {
        source = new ByteArraySource(Files.readAllBytes(DemoModel.path()));
        gguf = GgufReader.read(source);
        tokenizer = Tokenizer.fromGguf(gguf);
    }

    /** The demo model on the CPU, recording each call: "batch FROM+COUNT@POS" or "TOKEN@POS". */
    private static final class Recording implements LanguageModel {
        final LanguageModel model = new LlamaCpu(gguf, source, 64);
        final List<String> calls = new ArrayList<>();
        int stepsPerCall = 1;

        @Override
        public int greedyStepsPerCall() {
            return stepsPerCall;
        }

        @Override
        public void decodeGreedy(int token, int position, int count, int[] picks) {
            calls.add("greedy " + token + "@" + position + " x" + count);
            LanguageModel.super.decodeGreedy(token, position, count, picks); // forward and argmax per step
        }

        @Override
        public LlamaConfig config() {
            return model.config();
        }

        @Override
        public int contextLength() {
            return model.contextLength();
        }

        @Override
        public void forward(int token, int position, float[] logits) {
            calls.add(token + "@" + position + (logits == null ? " no logits" : ""));
            model.forward(token, position, logits);
        }

        @Override
        public void forwardBatch(int[] tokens, int offset, int count, int startPosition, float[] lastLogits) {
            calls.add("batch " + offset + "+" + count + "@" + startPosition + (lastLogits == null ? " no logits" : ""));
            model.forwardBatch(tokens, offset, count, startPosition, lastLogits);
        }
    }

    @Test
    void promptRunsAsOneBatchAndDecodeContinuesGreedily() {
        Recording model = new Recording();
        double[] time = {0};
        ModelBenchmark bench = new ModelBenchmark(model, () -> time[0] += 10); // each reading 10 ms later
        int[] prompt = ModelBenchmark.promptTokens(tokenizer, 5);
        assertArrayEquals(DemoModel.PROMPT_TOKENS, prompt, "the story starts 'Once upon a time' after BOS");

        ModelBenchmark.Timing p = bench.prompt(prompt);
        ModelBenchmark.Timing d = bench.decode(8);

        assertEquals(new ModelBenchmark.Timing(5, 10), p);
        assertEquals(new ModelBenchmark.Timing(8, 10), d);
        assertEquals(800.0, d.tokensPerSecond(), 1e-9);
        List<String> expected = new ArrayList<>(List.of("batch 0+5@0"));
        for (int i = 0; i < 8; i++) { // llama.cpp's greedy tokens, each fed back at the next position
            expected.add(DemoModel.GREEDY_64[i] + "@" + (5 + i));
        }
        assertEquals(expected, model.calls);
    }

    @Test
    void decodeChainsGreedyStepsWhereTheModelCanAndReadsLogitsOtherwise() {
        Recording model = new Recording();
        model.stepsPerCall = 16;
        double[] time = {0};
        ModelBenchmark bench = new ModelBenchmark(model, () -> time[0] += 10);
        bench.prompt(ModelBenchmark.promptTokens(tokenizer, 5));
        ModelBenchmark.Timing d = bench.decode(8);
        // Chunks as the generation loop sizes them: 1 step (10 ms: 5 next), 5, then the 2 left;
        // readings at the start, before and after each chunk, and at the end: 8, 70 ms apart.
        assertEquals(new ModelBenchmark.Timing(8, 70), d);
        int[] g = DemoModel.GREEDY_64;
        assertEquals(List.of("greedy " + g[0] + "@5 x1", "greedy " + g[1] + "@6 x5", "greedy " + g[6] + "@11 x2"),
                model.calls.stream().filter(c -> c.startsWith("greedy")).toList());
        // Decode with logits starts again after the prompt, one forward with logits per token.
        model.calls.clear();
        ModelBenchmark.Timing logits = bench.decodeWithLogits(3);
        assertEquals(new ModelBenchmark.Timing(3, 10), logits);
        assertEquals(List.of(g[0] + "@5", g[1] + "@6", g[2] + "@7"), model.calls);
    }

    @Test
    void promptTokensRepeatTheStoryToAnyLength() {
        int[] tokens = ModelBenchmark.promptTokens(tokenizer, 300);
        assertEquals(300, tokens.length);
        assertEquals(1, tokens[0], "BOS");
        assertEquals(1, Arrays.stream(tokens).filter(t -> t == 1).count(), "one BOS, at the start");
    }

    @Test
    void decodeNeedsAPromptAndRoomInTheContext() {
        ModelBenchmark bench = new ModelBenchmark(new Recording(), () -> 0);
        assertThrows(IllegalStateException.class, () -> bench.decode(1));
        bench.prompt(ModelBenchmark.promptTokens(tokenizer, 60));
        assertThrows(IllegalArgumentException.class, () -> bench.decode(5)); // 60 + 5 > 64
    }

    @Test
    void lengthsFitTheContextKeepingBothMeasured() {
        assertEquals(new ModelBenchmark.Lengths(128, 64), ModelBenchmark.Lengths.fit(512, 128, 64));
        assertEquals(new ModelBenchmark.Lengths(448, 64), ModelBenchmark.Lengths.fit(512, 1000, 64));
        assertEquals(new ModelBenchmark.Lengths(8, 8), ModelBenchmark.Lengths.fit(16, 128, 64));
        assertEquals(new ModelBenchmark.Lengths(4, 12), ModelBenchmark.Lengths.fit(16, 4, 64));
        assertThrows(IllegalArgumentException.class, () -> ModelBenchmark.Lengths.fit(512, 0, 64));
        assertThrows(IllegalArgumentException.class, () -> ModelBenchmark.Lengths.fit(512, 128, 0));
    }

    @Test
    void decodeReadsEveryWeightOnceAndTheEmbeddingOnlyWhenTied() {
        GgufTensorInfo embedding = tensor("token_embd.weight", 1000);
        GgufTensorInfo layer = tensor("blk.0.attn_q.weight", 300);
        GgufTensorInfo output = tensor("output.weight", 50);
        assertEquals(350, ModelBenchmark.weightBytesPerToken(file(embedding, layer, output)),
                "a step reads one embedding row, which is negligible");
        assertEquals(1300, ModelBenchmark.weightBytesPerToken(file(embedding, layer)),
                "tied: the output projection reads the whole embedding");
    }

    private static GgufTensorInfo tensor(String name, long bytes) {
        return new GgufTensorInfo(name, GgmlType.F32, new long[] {bytes / 4}, 0, bytes);
    }

    private static GgufFile file(GgufTensorInfo... tensors) {
        return new GgufFile(3, Map.of(), List.of(tensors), 32, 0, 0);
    }
}
