package dev.locara.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.DemoModel;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.model.LanguageModel;
import dev.locara.model.LlamaConfig;
import dev.locara.model.LlamaCpu;
import dev.locara.sample.Sampler;
import dev.locara.sample.SamplingParams;
import dev.locara.tokenizer.Tokenizer;
import dev.locara.tokenizer.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    private static FileByteSource source;
    private static GgufFile gguf;
    private static Tokenizer tokenizer;

    @BeforeAll
    static void open() {
        source = DemoModel.open();
        gguf = GgufReader.read(source);
        tokenizer = Tokenizer.fromGguf(gguf);
    }

    @AfterAll
    static void close() throws Exception {
        source.close();
    }

    private static Generator demo(int context) {
        return new Generator(tokenizer, new LlamaCpu(gguf, source, context));
    }

    /** Collects what the sink receives. */
    private static final class Recorder implements Generator.TokenSink {
        final List<Integer> tokens = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        final List<String> pieces = new ArrayList<>();

        @Override
        public void onToken(int token, String piece) {
            tokens.add(token);
            pieces.add(piece);
            text.append(piece);
        }

        int[] realTokens() {
            return tokens.stream().filter(t -> t >= 0).mapToInt(Integer::intValue).toArray();
        }
    }

    // ---------------------------------------------------------------- the demo model

    @Test
    void zeroMaxTokensGivesNothingWithFinishLength() {
        Recorder sink = new Recorder();
        Completion done = demo(512).generate(new CompletionRequest(DemoModel.PROMPT, 0, 0f, 0), sink, () -> false);
        assertArrayEquals(DemoModel.PROMPT_TOKENS, done.promptTokens());
        assertEquals(0, done.tokens().length);
        assertEquals("", done.text());
        assertEquals("length", done.finishReason());
        assertTrue(sink.tokens.isEmpty());
    }

    @Test
    void cancellationAfterThreeTokensAborts() {
        Recorder sink = new Recorder();
        Completion done = demo(512).generate(new CompletionRequest(DemoModel.PROMPT, 64, 0f, 0), sink,
                () -> sink.tokens.size() >= 3);
        assertEquals("abort", done.finishReason());
        assertArrayEquals(Arrays.copyOf(DemoModel.GREEDY_64, 3), done.tokens());
        assertEquals(3, sink.tokens.size());
        assertEquals(tokenizer.decode(Arrays.copyOf(DemoModel.GREEDY_64, 3)), done.text());
        assertEquals(sink.text.toString(), done.text());
    }

    @Test
    void cancellationBeforeTheFirstTokenAbortsWithNothing() {
        Recorder sink = new Recorder();
        Completion done = demo(512).generate(new CompletionRequest(DemoModel.PROMPT, 64, 0f, 0), sink, () -> true);
        assertEquals("abort", done.finishReason());
        assertEquals(0, done.tokens().length);
        assertEquals("", done.text());
        assertTrue(sink.tokens.isEmpty());
    }

    @Test
    void aSmallContextStopsGenerationWithFinishLength() {
        Generator generator = demo(16);
        assertEquals(16, generator.model().contextLength());
        Recorder sink = new Recorder();
        Completion done = generator.generate(new CompletionRequest(DemoModel.PROMPT, 100, 0f, 0), sink, () -> false);
        assertEquals("length", done.finishReason());
        assertEquals(16 - DemoModel.PROMPT_TOKENS.length, done.tokens().length);
        assertArrayEquals(Arrays.copyOf(DemoModel.GREEDY_64, 16 - DemoModel.PROMPT_TOKENS.length), done.tokens());

        // A prompt that fills the context is refused with a message that says so.
        String tooLong = "Once upon a time there was a little girl named Lily who loved to play outside in the park";
        ContextFullException e = assertThrows(ContextFullException.class,
                () -> generator.generate(new CompletionRequest(tooLong, 10, 0f, 0), new Recorder(), () -> false));
        assertTrue(e.getMessage().contains("context holds 16"), e.getMessage());
        assertEquals(16, e.contextLength());
        assertEquals("context_length_exceeded", dev.locara.protocol.Failure.of(e).code().wire());

        // At the edge: 15 prompt tokens leave room for one generated token, 16 for none.
        String fifteen = "Once" + " a".repeat(13);
        assertEquals(15, tokenizer.encode(fifteen, true, false).length);
        Completion one = demo(16).generate(new CompletionRequest(fifteen, 100, 0f, 0), new Recorder(), () -> false);
        assertEquals(1, one.tokens().length);
        assertEquals("length", one.finishReason());
        String sixteen = fifteen + " a";
        assertEquals(16, tokenizer.encode(sixteen, true, false).length);
        IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
                () -> demo(16).generate(new CompletionRequest(sixteen, 100, 0f, 0), new Recorder(), () -> false));
        assertTrue(full.getMessage().contains("16 tokens long"), full.getMessage());
    }

    @Test
    void contextIsBoundedByTheModel() {
        assertEquals(2048, new LlamaCpu(gguf, source, 4096).contextLength());
        assertEquals(512, new LlamaCpu(gguf, source, 512).contextLength());
    }

    @Test
    void streamedTextAddsUpToTheCompletion() {
        for (float temperature : new float[] {0f, 1f, 1.5f}) {
            Recorder sink = new Recorder();
            Completion done = demo(512).generate(new CompletionRequest(DemoModel.PROMPT, 80, temperature, 7), sink,
                    () -> false);
            assertEquals(sink.text.toString(), done.text(), "temperature " + temperature);
            assertArrayEquals(done.tokens(), sink.realTokens(), "temperature " + temperature);
            assertEquals(tokenizer.decode(done.tokens()), done.text(), "temperature " + temperature);
            assertTrue(done.finishReason().equals("length") || done.finishReason().equals("stop"), done.finishReason());
            if (done.finishReason().equals("length")) {
                assertEquals(80, done.tokens().length);
            }
        }
    }

    @Test
    void sampledGenerationIsReproducibleWithAFixedSeed() {
        CompletionRequest request = new CompletionRequest(DemoModel.PROMPT, 48, 0.8f, 1234);
        Completion first = demo(512).generate(request, new Recorder(), () -> false);
        Completion second = demo(512).generate(request, new Recorder(), () -> false);
        assertArrayEquals(first.tokens(), second.tokens());
        assertEquals(first.text(), second.text());
        assertEquals(first.finishReason(), second.finishReason());
        assertFalse(Arrays.equals(Arrays.copyOf(DemoModel.GREEDY_64, first.tokens().length), first.tokens()),
                "temperature 0.8 should leave the greedy path somewhere in 48 tokens");
        Completion otherSeed = demo(512).generate(new CompletionRequest(DemoModel.PROMPT, 48, 0.8f, 4321), new Recorder(),
                () -> false);
        assertFalse(Arrays.equals(first.tokens(), otherSeed.tokens()), "another seed, another story");
    }

    @Test
    void aStopStringEndsWithStopAndIsNotReturned() {
        Recorder sink = new Recorder();
        Completion done = demo(512).generate(new CompletionRequest(DemoModel.PROMPT, 64, SamplingParams.of(0f, 0),
                List.of("Lily.", "dragon")), sink, () -> false);
        assertEquals("stop", done.finishReason());
        assertEquals(", there was a little girl named ", done.text());
        assertEquals(done.text(), sink.text.toString(), "the stream holds back the partial match");
        assertTrue(sink.pieces.stream().noneMatch(p -> p.contains("L")), sink.pieces.toString());
        // The tokens are greedy's up to the one that completed the stop string.
        assertArrayEquals(Arrays.copyOf(DemoModel.GREEDY_64, done.tokens().length), done.tokens());
        assertEquals(done.text() + "Lily.", tokenizer.decode(done.tokens()));
        // A stop string that never comes changes nothing.
        Completion none = demo(512).generate(new CompletionRequest(DemoModel.PROMPT, 64, SamplingParams.of(0f, 0),
                List.of("dragon")), new Recorder(), () -> false);
        assertArrayEquals(DemoModel.GREEDY_64, none.tokens());
        assertEquals("length", none.finishReason());
    }

    @Test
    void penaltiesAndBiasSteerTheDemoModel() {
        // A repeat penalty on greedy decoding leaves llama.cpp's plain greedy path somewhere in 64 tokens.
        Completion penalized = demo(512).generate(new CompletionRequest(DemoModel.PROMPT, 64,
                SamplingParams.of(0f, 0).withPenalties(1.3f, 64, 0f, 0f), List.of()), new Recorder(), () -> false);
        assertFalse(Arrays.equals(DemoModel.GREEDY_64, penalized.tokens()));
        Completion biased = demo(512).generate(new CompletionRequest(DemoModel.PROMPT, 1,
                SamplingParams.of(0f, 0).withLogitBias(new int[] {DemoModel.GREEDY_64[0]}, new float[] {-100f}), List.of()),
                new Recorder(), () -> false);
        assertFalse(biased.tokens()[0] == DemoModel.GREEDY_64[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> demo(512).generate(
                new CompletionRequest(DemoModel.PROMPT, 1, SamplingParams.of(0f, 0).withLogitBias(new int[] {512},
                        new float[] {1f}), List.of()), new Recorder(), () -> false));
        assertTrue(e.getMessage().contains("token 512"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CompletionRequest("x", 1, SamplingParams.of(0f, 0),
                List.of("a", "b", "c", "d", "e")));
        assertThrows(IllegalArgumentException.class, () -> new CompletionRequest("x", 1, SamplingParams.of(0f, 0),
                List.of("")));
    }

    @Test
    void anEmptyPromptIsBosAloneAndGeneratesFromPositionZero() {
        // Like llama.cpp and SentencePiece itself, "" with special tokens is [BOS]: no space piece after it.
        Recorder sink = new Recorder();
        Completion done = demo(512).generate(new CompletionRequest("", 20, 0f, 0), sink, () -> false);
        assertArrayEquals(new int[] {1}, done.promptTokens());
        assertEquals("length", done.finishReason());
        assertEquals(20, done.tokens().length);
        assertEquals(sink.text.toString(), done.text());

        // The same as running the model by hand: BOS at position 0, then greedy.
        LlamaCpu reference = new LlamaCpu(gguf, source, 512);
        float[] logits = new float[reference.config().vocabSize()];
        int token = 1;
        int[] expected = new int[20];
        for (int i = 0; i < expected.length; i++) {
            reference.forward(token, i, logits);
            token = Sampler.argmax(logits);
            expected[i] = token;
        }
        assertArrayEquals(expected, done.tokens());
        assertEquals(tokenizer.decode(expected), done.text());
    }

    @Test
    void aPromptWithNoTokensIsRefused() {
        Tokenizer nothing = new DelegatingTokenizer(tokenizer) {
            @Override
            public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
                return new int[0];
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Generator(nothing, new ScriptedModel(512)).generate(new CompletionRequest("x", 5, 0f, 0),
                        new Recorder(), () -> false));
        assertTrue(e.getMessage().contains("no tokens"), e.getMessage());
    }

    @Test
    void requestsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new CompletionRequest(null, 5, 0f, 0));
        assertThrows(IllegalArgumentException.class, () -> new CompletionRequest("x", -1, 0f, 0));
        Generator generator = new Generator(tokenizer, new ScriptedModel(512));
        assertThrows(IllegalArgumentException.class,
                () -> generator.generate(new CompletionRequest("x", 5, -1f, 0), new Recorder(), () -> false));
    }

    // ---------------------------------------------------------------- a scripted model: the loop itself

    @Test
    void modelSeesPromptPositionsInOrderAndLogitsOnlyWhenNeeded() {
        ScriptedModel model = new ScriptedModel(512, 300, 301, 302);
        Completion done = new Generator(tokenizer, model).generate(new CompletionRequest(DemoModel.PROMPT, 3, 0f, 0),
                new Recorder(), () -> false);
        assertArrayEquals(new int[] {300, 301, 302}, done.tokens());
        // Prompt tokens 0..3 without logits, then the last prompt token and each generated token but the last.
        assertEquals(List.of("1@0", "403@1", "407@2", "261@3", "378@4*", "300@5*", "301@6*"), model.calls);
    }

    @Test
    void thePromptIsHandedToTheModelAsOneBatch() {
        List<String> batches = new ArrayList<>();
        ScriptedModel model = new ScriptedModel(512, 300, 301) {
            @Override
            public void forwardBatch(int[] tokens, int offset, int count, int startPosition, float[] lastLogits) {
                batches.add(offset + "+" + count + "@" + startPosition + (lastLogits != null ? "*" : ""));
                super.forwardBatch(tokens, offset, count, startPosition, lastLogits);
            }
        };
        new Generator(tokenizer, model).generate(new CompletionRequest(DemoModel.PROMPT, 2, 0f, 0), new Recorder(), () -> false);
        // One batch for the 5 prompt tokens with the last one's logits, then one call per generated token.
        assertEquals(List.of("0+5@0*"), batches);
        assertEquals(List.of("1@0", "403@1", "407@2", "261@3", "378@4*", "300@5*"), model.calls);
    }

    @Test
    void endOfSequenceStopsWithoutBeingEmitted() {
        ScriptedModel model = new ScriptedModel(512, 300, 301, 2, 302);
        Recorder sink = new Recorder();
        Completion done = new Generator(tokenizer, model).generate(new CompletionRequest(DemoModel.PROMPT, 10, 0f, 0),
                sink, () -> false);
        assertEquals("stop", done.finishReason());
        assertArrayEquals(new int[] {300, 301}, done.tokens());
        assertEquals(List.of(300, 301), sink.tokens);
        assertEquals(tokenizer.decode(new int[] {300, 301}), done.text());
    }

    @Test
    void aCharacterSplitAcrossByteTokensIsStreamedWhole() {
        Vocabulary v = tokenizer.vocabulary();
        int[] llama = {v.id("<0xF0>"), v.id("<0x9F>"), v.id("<0xA6>"), v.id("<0x99>")};
        ScriptedModel model = new ScriptedModel(512, llama);
        Recorder sink = new Recorder();
        Completion done = new Generator(tokenizer, model).generate(new CompletionRequest(DemoModel.PROMPT, 4, 0f, 0),
                sink, () -> false);
        assertArrayEquals(llama, done.tokens());
        assertEquals(List.of("", "", "", "\uD83E\uDD99"), sink.pieces);
        assertEquals("\uD83E\uDD99", done.text());
    }

    @Test
    void anUnfinishedCharacterIsFlushedAtTheEnd() {
        Vocabulary v = tokenizer.vocabulary();
        int[] half = {v.id("<0xF0>"), v.id("<0x9F>")};
        ScriptedModel model = new ScriptedModel(512, half);
        Recorder sink = new Recorder();
        Completion done = new Generator(tokenizer, model).generate(new CompletionRequest(DemoModel.PROMPT, 2, 0f, 0),
                sink, () -> false);
        assertArrayEquals(half, done.tokens());
        assertEquals(List.of(half[0], half[1], -1), sink.tokens, "the flushed rest comes with token -1");
        assertEquals("\uFFFD", done.text());
        assertEquals(done.text(), sink.text.toString());
    }

    // ---------------------------------------------------------------- greedy steps chained on a device

    /** A clock that reads 10 ms later at every reading. */
    private static Clock ticking() {
        double[] now = {0};
        return () -> now[0] += 10;
    }

    @Test
    void greedyChunksGiveLlamaCppsTokensInChunksSizedByTime() {
        Chained model = new Chained(new LlamaCpu(gguf, source, 512), 8);
        Recorder sink = new Recorder();
        Completion done = new Generator(tokenizer, model, ticking()).generate(
                new CompletionRequest(DemoModel.PROMPT, 64, 0f, 0), sink, () -> false);
        assertArrayEquals(DemoModel.GREEDY_64, done.tokens());
        assertEquals(tokenizer.decode(DemoModel.GREEDY_64), done.text());
        assertEquals(done.text(), sink.text.toString());
        assertArrayEquals(DemoModel.GREEDY_64, sink.realTokens(), "streamed one by one");
        assertEquals("length", done.finishReason());
        // One step first; 10 ms for it gives 50 / 10 = 5 steps; 10 ms for 5 gives 25, capped at 8; the
        // last chunk is what is left: 63 steps for 64 tokens (the prompt's logits gave the first).
        assertEquals(List.of(1, 5, 8, 8, 8, 8, 8, 8, 8, 1), model.chunkSizes());
        int position = DemoModel.PROMPT_TOKENS.length;
        int token = DemoModel.GREEDY_64[0];
        for (int[] call : model.chunks) {
            assertArrayEquals(new int[] {token, position}, Arrays.copyOf(call, 2), "each chunk continues the last");
            position += call[2];
            token = DemoModel.GREEDY_64[position - DemoModel.PROMPT_TOKENS.length];
        }
    }

    @Test
    void greedyChunksEndAsTokenByTokenDoesOnStopsEndOfTextAndCancel() {
        CompletionRequest stop = new CompletionRequest(DemoModel.PROMPT, 64, SamplingParams.of(0f, 0), List.of("Lily."));
        Completion expected = demo(512).generate(stop, new Recorder(), () -> false);
        Recorder sink = new Recorder();
        Completion chained = new Generator(tokenizer, new Chained(new LlamaCpu(gguf, source, 512), 64), () -> 0)
                .generate(stop, sink, () -> false);
        assertEquals("stop", chained.finishReason());
        assertArrayEquals(expected.tokens(), chained.tokens());
        assertEquals(expected.text(), chained.text());
        assertEquals(expected.text(), sink.text.toString());

        // End of text inside a chunk (a clock that never moves asks for the whole rest at once).
        Chained scripted = new Chained(new ScriptedModel(512, 300, 301, 2, 302, 303), 64);
        Completion eos = new Generator(tokenizer, scripted, () -> 0).generate(new CompletionRequest(DemoModel.PROMPT, 10, 0f, 0),
                new Recorder(), () -> false);
        assertEquals("stop", eos.finishReason());
        assertArrayEquals(new int[] {300, 301}, eos.tokens());
        assertEquals(List.of(1, 8), scripted.chunkSizes(), "1 step, then the 8 tokens still allowed");

        Recorder cancelled = new Recorder();
        Completion abort = new Generator(tokenizer, new Chained(new LlamaCpu(gguf, source, 512), 64), () -> 0).generate(
                new CompletionRequest(DemoModel.PROMPT, 64, 0f, 0), cancelled, () -> cancelled.tokens.size() >= 3);
        assertEquals("abort", abort.finishReason());
        assertArrayEquals(Arrays.copyOf(DemoModel.GREEDY_64, 3), abort.tokens());

        // A context of 16 leaves 11 tokens after the 5-token prompt: no step runs past it.
        Chained small = new Chained(new LlamaCpu(gguf, source, 16), 64);
        Completion full = new Generator(tokenizer, small, () -> 0).generate(new CompletionRequest(DemoModel.PROMPT, 100, 0f, 0),
                new Recorder(), () -> false);
        assertArrayEquals(Arrays.copyOf(DemoModel.GREEDY_64, 11), full.tokens());
        assertEquals(List.of(1, 9), small.chunkSizes());
    }

    @Test
    void samplingThatNeedsTheLogitsNeverChainsOnTheDevice() {
        SamplingParams greedy = SamplingParams.of(0f, 0);
        for (SamplingParams sampling : List.of(SamplingParams.of(0.8f, 5), greedy.withPenalties(1.3f, 64, 0f, 0f),
                greedy.withLogitBias(new int[] {DemoModel.GREEDY_64[0]}, new float[] {-100f}))) {
            CompletionRequest request = new CompletionRequest(DemoModel.PROMPT, 32, sampling, List.of());
            Chained model = new Chained(new LlamaCpu(gguf, source, 512), 64);
            Completion chained = new Generator(tokenizer, model, () -> 0).generate(request, new Recorder(), () -> false);
            assertEquals(List.of(), model.chunkSizes(), sampling.toString());
            assertArrayEquals(demo(512).generate(request, new Recorder(), () -> false).tokens(), chained.tokens());
        }
        assertTrue(greedy.plainGreedy());
        assertFalse(greedy.withPenalties(1f, 64, 0.5f, 0f).plainGreedy());
        assertTrue(greedy.withPenalties(1.3f, 0, 0f, 0f).plainGreedy(), "a window of 0 turns the penalties off");
    }

    @Test
    void chunksAimAtFiftyMillisecondsWithinOneAndTheMaximum() {
        double[] now = {0};
        DecodeChunks chunks = new DecodeChunks(() -> now[0], 32);
        assertEquals(1, chunks.next(100), "one step first");
        now[0] += 2;
        chunks.done(1);
        assertEquals(25, chunks.next(100));
        assertEquals(7, chunks.next(7), "never more than what is left");
        now[0] += 200;
        chunks.done(4);
        assertEquals(1, chunks.next(100), "50 ms a step: one at a time");
        chunks.done(1);
        assertEquals(32, chunks.next(100), "no time measured: the maximum");
        assertThrows(IllegalArgumentException.class, () -> new DecodeChunks(() -> 0, 0));
    }

    /**
     * Another model with its greedy steps declared chainable: the engine's own default
     * {@link LanguageModel#decodeGreedy} (forward and argmax per step) runs them, and each call is
     * recorded as {token, position, count}.
     */
    private static final class Chained implements LanguageModel {
        private final LanguageModel inner;
        private final int steps;
        final List<int[]> chunks = new ArrayList<>();

        Chained(LanguageModel inner, int steps) {
            this.inner = inner;
            this.steps = steps;
        }

        List<Integer> chunkSizes() {
            return chunks.stream().map(c -> c[2]).toList();
        }

        @Override
        public LlamaConfig config() {
            return inner.config();
        }

        @Override
        public int contextLength() {
            return inner.contextLength();
        }

        @Override
        public void forward(int token, int position, float[] logits) {
            inner.forward(token, position, logits);
        }

        @Override
        public void forwardBatch(int[] tokens, int offset, int count, int startPosition, float[] lastLogits) {
            inner.forwardBatch(tokens, offset, count, startPosition, lastLogits);
        }

        @Override
        public void decodeGreedy(int token, int position, int count, int[] picks) {
            assertTrue(count >= 1 && count <= steps && position + count <= contextLength(), count + "@" + position);
            chunks.add(new int[] {token, position, count});
            LanguageModel.super.decodeGreedy(token, position, count, picks);
        }

        @Override
        public int greedyStepsPerCall() {
            return steps;
        }
    }

    /** A model whose logits pick the scripted tokens in turn (then token 3), recording every forward call. */
    private static class ScriptedModel implements LanguageModel {
        private final LlamaConfig config;
        private final int[] script;
        private int next;
        final List<String> calls = new ArrayList<>();

        ScriptedModel(int context, int... script) {
            this.config = new LlamaConfig("llama", 8, 16, 1, 2, 2, 512, context, 4, 10000f, 1e-5f, true);
            this.script = script;
        }

        @Override
        public LlamaConfig config() {
            return config;
        }

        @Override
        public int contextLength() {
            return config.contextLength();
        }

        @Override
        public void forward(int token, int position, float[] logits) {
            calls.add(token + "@" + position + (logits != null ? "*" : ""));
            if (logits != null) {
                Arrays.fill(logits, 0f);
                logits[next < script.length ? script[next++] : 3] = 1f;
            }
        }
    }

    /** Forwards everything to another tokenizer; tests override what they need. */
    private static class DelegatingTokenizer implements Tokenizer {
        private final Tokenizer inner;

        DelegatingTokenizer(Tokenizer inner) {
            this.inner = inner;
        }

        @Override
        public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
            return inner.encode(text, addSpecial, parseSpecial);
        }

        @Override
        public byte[] pieceBytes(int token) {
            return inner.pieceBytes(token);
        }

        @Override
        public Vocabulary vocabulary() {
            return inner.vocabulary();
        }
    }
}
