package dev.locara.engine;

import dev.locara.model.LanguageModel;
import dev.locara.sample.Sampler;
import dev.locara.tokenizer.Tokenizer;
import dev.locara.tokenizer.Utf8Stream;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/** The generation loop: tokenize, run the prompt, then sample and stream one token at a time. */
public final class Generator {
    /** Receives each generated token with the text it completes (empty while a character is split). */
    public interface TokenSink {
        void onToken(int token, String text);
    }

    private final Tokenizer tokenizer;
    private final LanguageModel model;
    private final float[] logits;

    public Generator(Tokenizer tokenizer, LanguageModel model) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.logits = new float[model.config().vocabSize()];
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
            throw new IllegalArgumentException("The prompt is " + prompt.length + " tokens long but the context holds "
                    + context + ": shorten it.");
        }
        int[] generated = new int[Math.min(request.maxTokens(), context - prompt.length)];
        StringBuilder text = new StringBuilder();
        Utf8Stream utf8 = new Utf8Stream();
        Sampler sampler = new Sampler(request.temperature(), request.seed());
        String finish = "length";
        int count = 0;
        for (int i = 0; i < prompt.length - 1; i++) {
            if (cancelled.getAsBoolean()) {
                return new Completion(prompt, new int[0], "", "abort");
            }
            model.forward(prompt[i], i, null);
        }
        int position = prompt.length - 1;
        int token = prompt[position];
        while (count < generated.length) {
            if (cancelled.getAsBoolean()) {
                finish = "abort";
                break;
            }
            model.forward(token, position++, logits);
            token = sampler.sample(logits);
            if (tokenizer.vocabulary().isEndOfGeneration(token)) {
                finish = "stop";
                break;
            }
            generated[count++] = token;
            String piece = utf8.push(tokenizer.pieceBytes(token));
            text.append(piece);
            sink.onToken(token, piece);
        }
        String rest = utf8.flush();
        if (!rest.isEmpty()) {
            text.append(rest);
            sink.onToken(-1, rest);
        }
        return new Completion(prompt, Arrays.copyOf(generated, count), text.toString(), finish);
    }
}
