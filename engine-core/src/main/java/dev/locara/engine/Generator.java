package dev.locara.engine;

import dev.locara.model.LanguageModel;
import dev.locara.sample.Sampler;
import dev.locara.tokenizer.Tokenizer;
import dev.locara.tokenizer.Utf8Stream;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * The generation loop: tokenize, run the prompt, then sample and stream the tokens. Each token is
 * sampled on the CPU from its logits; when sampling is plain greedy and the model chains greedy
 * steps on its device ({@link LanguageModel#greedyStepsPerCall}), the tokens come from there in
 * chunks ({@link DecodeChunks}) and only their ids cross back, then stream one by one as before.
 */
public final class Generator {
    /** Receives each generated token with the text it completes (empty while a character is split). */
    public interface TokenSink {
        void onToken(int token, String text);
    }

    private final Tokenizer tokenizer;
    private final LanguageModel model;
    private final float[] logits;
    private final Clock clock;

    public Generator(Tokenizer tokenizer, LanguageModel model) {
        this(tokenizer, model, Clock.system());
    }

    /** @param clock times the greedy chunks, to size them ({@link DecodeChunks}) */
    public Generator(Tokenizer tokenizer, LanguageModel model, Clock clock) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.logits = new float[model.config().vocabSize()];
        this.clock = clock;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public LanguageModel model() {
        return model;
    }

    public Completion generate(CompletionRequest request, TokenSink sink, BooleanSupplier cancelled) {
        return generate(tokenizer.encode(request.prompt(), true, false), request, sink, cancelled);
    }

    /** Generates after a prompt already tokenized (a rendered chat, whose special tokens the caller parsed). */
    public Completion generate(int[] prompt, CompletionRequest request, TokenSink sink, BooleanSupplier cancelled) {
        int context = model.contextLength();
        if (prompt.length == 0) {
            throw new IllegalArgumentException("The prompt produced no tokens: give some text.");
        }
        if (prompt.length >= context) {
            throw new ContextFullException(prompt.length, context);
        }
        for (int t : request.sampling().biasTokens()) {
            if (t >= logits.length) {
                throw new IllegalArgumentException("logit_bias names token " + t + " but this model's vocabulary has "
                        + logits.length + " tokens (ids 0 to " + (logits.length - 1) + ").");
            }
        }
        int[] generated = new int[Math.min(request.maxTokens(), context - prompt.length)];
        StringBuilder text = new StringBuilder();
        Utf8Stream utf8 = new Utf8Stream();
        Sampler sampler = new Sampler(request.sampling());
        StopStrings stops = new StopStrings(request.stop());
        for (int t : prompt) {
            sampler.accept(t); // llama.cpp's penalties count the prompt too
        }
        String finish = "length";
        int count = 0;
        if (cancelled.getAsBoolean()) {
            return new Completion(prompt, new int[0], "", "abort");
        }
        // The whole prompt in one call, so an engine can run it as a batch; its last token's logits
        // give the first sampled token.
        model.forwardBatch(prompt, 0, prompt.length, 0, logits);
        int position = prompt.length;
        // Plain greedy picks only depend on the logits' argmax, which the device can take itself.
        boolean onDevice = request.sampling().plainGreedy() && model.greedyStepsPerCall() > 1;
        DecodeChunks chunks = onDevice ? new DecodeChunks(clock, model.greedyStepsPerCall()) : null;
        int[] ahead = onDevice ? new int[model.greedyStepsPerCall()] : null;
        int aheadCount = 0;
        int aheadNext = 0;
        int token = -1; // the last token generated, which the next step runs
        while (count < generated.length) {
            if (cancelled.getAsBoolean()) {
                finish = "abort";
                break;
            }
            if (count == 0) {
                token = sampler.sample(logits);
            } else if (!onDevice) {
                model.forward(token, position++, logits);
                token = sampler.sample(logits);
            } else {
                if (aheadNext == aheadCount) {
                    // Steps for at most the tokens still allowed; the last token's step is never run.
                    aheadCount = chunks.next(generated.length - count);
                    model.decodeGreedy(token, position, aheadCount, ahead);
                    chunks.done(aheadCount);
                    aheadNext = 0;
                }
                position++;
                token = ahead[aheadNext++];
            }
            if (tokenizer.vocabulary().isEndOfGeneration(token)) {
                finish = "stop";
                break;
            }
            sampler.accept(token);
            generated[count++] = token;
            String piece = stops.push(utf8.push(tokenizer.pieceBytes(token)));
            text.append(piece);
            sink.onToken(token, piece);
            if (stops.stopped()) {
                finish = "stop";
                break;
            }
        }
        String rest = stops.push(utf8.flush());
        rest += stops.flush();
        if (!rest.isEmpty()) {
            text.append(rest);
            sink.onToken(-1, rest);
        }
        return new Completion(prompt, Arrays.copyOf(generated, count), text.toString(), finish);
    }
}
