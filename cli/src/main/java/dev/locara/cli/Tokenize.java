package dev.locara.cli;

import dev.locara.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Set;
import java.util.StringJoiner;

/** {@code tokenize FILE TEXT} and {@code detokenize FILE IDS} with the model's own tokenizer. */
final class Tokenize {
    static final String TOKENIZE_USAGE = "locara tokenize FILE TEXT [--pieces] [--no-bos] [--parse-special]";
    static final String DETOKENIZE_USAGE = "locara detokenize FILE IDS (comma or space separated, e.g. \"1,403,407\")";

    private Tokenize() {
    }

    static void tokenize(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args args = new Args(argv, 1, TOKENIZE_USAGE, Set.of(), Set.of("pieces", "no-bos", "parse-special")).positionals(2);
        try (OpenModel m = OpenModel.open(args.positional(0))) {
            Tokenizer tokenizer = Tokenizer.fromGguf(m.gguf());
            int[] ids = tokenizer.encode(args.positional(1), !args.has("no-bos"), args.has("parse-special"));
            StringJoiner line = new StringJoiner(" ");
            for (int id : ids) {
                line.add(Integer.toString(id));
            }
            out.println(line);
            if (args.has("pieces")) {
                for (int id : ids) {
                    out.println(id + "\t" + tokenizer.vocabulary().text(id));
                }
            }
        }
    }

    static void detokenize(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args args = new Args(argv, 1, DETOKENIZE_USAGE, Set.of(), Set.of());
        if (args.positionals().size() < 2) {
            throw args.fail("expected FILE and IDS");
        }
        // IDS may come as one argument "1,2,3" or "1 2 3", or as several arguments.
        String joined = String.join(" ", args.positionals().subList(1, args.positionals().size())).trim();
        String[] parts = joined.isEmpty() ? new String[0] : joined.split("[,\\s]+");
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw args.fail("'" + parts[i] + "' is not a token id");
            }
        }
        try (OpenModel m = OpenModel.open(args.positional(0))) {
            Tokenizer tokenizer = Tokenizer.fromGguf(m.gguf());
            for (int id : ids) {
                if (id < 0 || id >= tokenizer.vocabulary().size()) {
                    throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary of "
                            + tokenizer.vocabulary().size() + " tokens.");
                }
            }
            out.println(tokenizer.decode(ids));
        }
    }
}
