package dev.locara.cli;

import dev.locara.chat.ChatPrompt;
import dev.locara.chat.TemplateException;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.embed.EncoderConfig;
import dev.locara.model.LlamaCpu;
import dev.locara.sample.SamplingParams;
import dev.locara.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code generate FILE PROMPT}: text generation on the JVM reference (LlamaCpu), the prompt and then each token streamed to
 * stdout. With {@code --chat} the prompt is one user message, rendered by the model's chat template as the browser does.
 */
final class Generate {
    static final String USAGE = "locara generate FILE PROMPT [--max-tokens N] [--temperature T] [--seed S] [--context N]"
            + " [--top-k K] [--top-p P] [--min-p P] [--repeat-penalty R] [--repeat-last-n N] [--presence-penalty P]"
            + " [--frequency-penalty F] [--stop TEXT]... [--chat] (sampling options default to off, as in the browser API)";

    private Generate() {
    }

    static void run(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args args = new Args(argv, 1, USAGE, Set.of("max-tokens", "temperature", "seed", "context",
                "top-k", "top-p", "min-p", "repeat-penalty", "repeat-last-n", "presence-penalty", "frequency-penalty", "stop"),
                Set.of("chat")).positionals(2);
        int maxTokens = args.integer("max-tokens", 128, 0);
        float temperature = args.real("temperature", 0f);
        // A sampling run without --seed still prints its seed, so any output can be reproduced.
        long seed = args.longValue("seed", System.nanoTime());
        int context = args.integer("context", 2048, 1);
        SamplingParams sampling;
        CompletionRequest request;
        try {
            sampling = SamplingParams.of(temperature, seed)
                    .withTopK(args.integer("top-k", 0, 0))
                    .withTopP(args.real("top-p", 1f, 0f, 1f))
                    .withMinP(args.real("min-p", 0f, 0f, 1f))
                    .withPenalties(args.real("repeat-penalty", 1f, Float.MIN_VALUE, 10f),
                            args.integer("repeat-last-n", SamplingParams.DEFAULT_PENALTY_LAST_N, -1),
                            args.real("presence-penalty", 0f, -2f, 2f), args.real("frequency-penalty", 0f, -2f, 2f));
            request = new CompletionRequest(args.positional(1), maxTokens, sampling, args.all("stop"));
        } catch (IllegalArgumentException e) {
            throw args.fail(e.getMessage());
        }
        try (OpenModel m = OpenModel.open(args.positional(0))) {
            if (EncoderConfig.isEncoder(m.gguf())) {
                throw new IllegalArgumentException(args.positional(0) + " is an embedding model (" + m.gguf().string("general.architecture", "")
                        + "): it makes vectors, not text; use locara embed.");
            }
            long loadStart = System.nanoTime();
            Tokenizer tokenizer = Tokenizer.fromGguf(m.gguf());
            Generator generator = new Generator(tokenizer, new LlamaCpu(m.gguf(), m.source(), context));
            Generator.TokenSink print = (token, text) -> {
                out.print(text);
                out.flush();
            };
            long start;
            Completion c;
            if (args.has("chat")) {
                ChatPrompt chat = ChatPrompt.fromGguf(m.gguf(), tokenizer);
                LocalDate today = LocalDate.now();
                chat.template().setToday(today.getYear(), today.getMonthValue(), today.getDayOfMonth());
                for (String warning : chat.template().warnings()) {
                    err.println("warning: " + warning);
                }
                ChatPrompt.Rendered rendered;
                try {
                    rendered = chat.render(List.of(Map.of("role", "user", "content", args.positional(1))));
                } catch (TemplateException e) {
                    throw new UsageException("The model's chat template refused the prompt: " + e.getMessage(), USAGE);
                }
                // Show the rendered conversation (special tokens as text), then the reply.
                out.print(rendered.text());
                start = System.nanoTime();
                c = generator.generate(rendered.tokens(), request, print, () -> false);
            } else {
                // Echo the prompt as its tokens decode, as llama.cpp does, so the output reads as one text.
                out.print(tokenizer.decode(tokenizer.encode(args.positional(1), true, false)));
                start = System.nanoTime();
                c = generator.generate(request, print, () -> false);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.println();
            err.printf("%d tokens in %.2f s: %.1f tokens/s (prompt of %d tokens included; load %.2f s; finish: %s%s)%n",
                    c.tokens().length, seconds, c.tokens().length / seconds, c.promptTokens().length,
                    (start - loadStart) / 1e9, c.finishReason(), temperature > 0 ? "; seed " + seed : "");
        }
    }
}
