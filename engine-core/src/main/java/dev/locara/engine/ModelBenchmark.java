package dev.locara.engine;

import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.model.LanguageModel;
import dev.locara.sample.Sampler;
import dev.locara.tokenizer.Tokenizer;
import java.util.Arrays;

/**
 * Times a loaded model the way the generation loop drives it: the prompt as one
 * {@link LanguageModel#forwardBatch batch}, then greedy decode as {@link Generator} runs it (chunks
 * of steps chained on the device where the model can, {@link DecodeChunks}), and decode with the
 * logits read back at every token, as sampling at a temperature above 0 runs. The loops are
 * written out here (rather than timed around {@link Generator#generate}) so that prompt and decode
 * are timed apart and decode always runs its full count, even where the model would sample its
 * end-of-text token. Every step ends with a readback, so on the GPU a timed region ends when the
 * GPU's work does.
 *
 * <p>The workbench's Benchmark panel and the bench module time models with this class.
 */
public final class ModelBenchmark {
    // Text the prompts are cut from: tokenized, repeated until long enough, truncated to the length.
    private static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play"
            + " outside in the park with her friends. One day, she saw a big red ball under a tree and ran to get it. ";

    /** {@code tokens} processed in {@code ms} milliseconds. */
    public record Timing(int tokens, double ms) {
        public double tokensPerSecond() {
            return tokens * 1000.0 / ms;
        }
    }

    /** How many prompt and decode tokens a run takes: what was asked for, fitted to the context. */
    public record Lengths(int promptTokens, int decodeTokens) {
        /**
         * Fits both into {@code context} positions so that both are measured: decode keeps at most
         * half the context, the prompt takes at most the rest.
         */
        public static Lengths fit(int context, int promptTokens, int decodeTokens) {
            if (promptTokens < 1 || decodeTokens < 1) {
                throw new IllegalArgumentException("A benchmark needs at least one prompt and one decode token; got "
                        + promptTokens + " and " + decodeTokens + ".");
            }
            int prompt = Math.max(1, Math.min(promptTokens, context - Math.min(decodeTokens, context / 2)));
            return new Lengths(prompt, Math.min(decodeTokens, context - prompt));
        }
    }

    private final LanguageModel model;
    private final Clock clock;
    private final float[] logits;
    private int first = -1;  // the greedy token after the prompt; -1 before the prompt
    private int promptEnd;   // where decode starts in the KV cache
    private int next;        // the greedy token after what has run
    private int position;    // where the next token goes in the KV cache

    public ModelBenchmark(LanguageModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
        this.logits = new float[model.config().vocabSize()];
    }

    /** Runs {@code tokens} from position 0 as one batch (the KV cache is overwritten) and times it. */
    public Timing prompt(int[] tokens) {
        double start = clock.nowMs();
        model.forwardBatch(tokens, 0, tokens.length, 0, logits);
        double ms = clock.nowMs() - start;
        first = Sampler.argmax(logits);
        promptEnd = tokens.length;
        return new Timing(tokens.length, ms);
    }

    /**
     * Continues the prompt greedily for {@code steps} tokens as the generation loop does for greedy
     * requests: in chunks chained on the device where the model can, else with the logits of each
     * token read back. Times them. Each decode run starts again right after the prompt (its KV rows
     * are rewritten), so that both kinds measure the same positions.
     */
    public Timing decode(int steps) {
        checkDecode(steps);
        if (model.greedyStepsPerCall() <= 1) {
            return decodeWithLogits(steps);
        }
        int[] picks = new int[model.greedyStepsPerCall()];
        DecodeChunks chunks = new DecodeChunks(clock, picks.length);
        double start = clock.nowMs();
        for (int done = 0; done < steps; ) {
            int n = chunks.next(steps - done);
            model.decodeGreedy(next, position, n, picks);
            chunks.done(n);
            next = picks[n - 1];
            position += n;
            done += n;
        }
        return new Timing(steps, clock.nowMs() - start);
    }

    /**
     * Continues the prompt for {@code steps} tokens with each token's logits read back and the
     * argmax taken on the CPU: what every token costs when sampling needs the logits (a temperature
     * above 0, penalties, a logit bias). Times them; starts right after the prompt, as {@link #decode}.
     */
    public Timing decodeWithLogits(int steps) {
        checkDecode(steps);
        double start = clock.nowMs();
        for (int i = 0; i < steps; i++) {
            model.forward(next, position++, logits);
            next = Sampler.argmax(logits);
        }
        return new Timing(steps, clock.nowMs() - start);
    }

    private void checkDecode(int steps) {
        if (first < 0) {
            throw new IllegalStateException("Decode continues a prompt: run prompt() first.");
        }
        if (promptEnd + steps > model.contextLength()) {
            throw new IllegalArgumentException(steps + " decode tokens after " + promptEnd + " do not fit the context of "
                    + model.contextLength() + " tokens.");
        }
        next = first;
        position = promptEnd;
    }

    /** The first {@code n} tokens of a story (BOS first), as the prompt to time. */
    public static int[] promptTokens(Tokenizer tokenizer, int n) {
        StringBuilder text = new StringBuilder(STORY);
        int[] ids = tokenizer.encode(text.toString(), true, false);
        while (ids.length < n) {
            text.append(STORY);
            ids = tokenizer.encode(text.toString(), true, false);
        }
        return Arrays.copyOf(ids, n);
    }

    /**
     * Bytes of weights one decode step reads: every tensor once, except the token embedding, of
     * which a step reads one row, unless the output projection is tied to it and reads it whole.
     * Decode speed times this is the bandwidth decode reaches, to compare with the read limit.
     */
    public static long weightBytesPerToken(GgufFile gguf) {
        boolean tied = gguf.tensor("output.weight") == null;
        long sum = 0;
        for (GgufTensorInfo t : gguf.tensors()) {
            if (!t.name().equals("token_embd.weight") || tied) {
                sum += t.bytes();
            }
        }
        return sum;
    }
}
