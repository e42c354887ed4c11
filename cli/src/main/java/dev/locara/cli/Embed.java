package dev.locara.cli;

import dev.locara.embed.Embedder;
import dev.locara.embed.EmbeddingRequest;
import dev.locara.embed.Embeddings;
import dev.locara.embed.EncoderCpu;
import dev.locara.embed.InputType;
import dev.locara.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;

/** {@code embed FILE TEXT...}: OpenAI's embeddings response for the texts, from the CPU reference. */
final class Embed {
    static final String USAGE = "locara embed FILE TEXT... [--input-type query|document] [--dimensions N]";

    private Embed() {
    }

    static void run(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args args = new Args(argv, 1, USAGE, Set.of("input-type", "dimensions"), Set.of());
        if (args.positionals().size() < 2) {
            throw args.fail("expected FILE and at least one TEXT");
        }
        InputType type;
        try {
            type = args.has("input-type") ? InputType.parse(args.string("input-type", "")) : null;
        } catch (IllegalArgumentException e) {
            throw args.fail(e.getMessage());
        }
        try (OpenModel m = OpenModel.open(args.positional(0))) {
            Embedder embedder = new Embedder(new EncoderCpu(m.gguf(), m.source()), Tokenizer.fromGguf(m.gguf()));
            EmbeddingRequest request = new EmbeddingRequest(args.positionals().subList(1, args.positionals().size()), type,
                    args.integer("dimensions", 0, 1));
            Embeddings result = embedder.embed(request);
            for (String warning : result.warnings()) {
                err.println("warning: " + warning);
            }
            String model = m.path().getFileName().toString().replaceFirst("\\.gguf$", "");
            out.println(result.toJson(model));
        }
    }
}
