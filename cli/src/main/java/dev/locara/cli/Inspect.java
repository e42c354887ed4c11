package dev.locara.cli;

import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Array;
import java.util.Map;
import java.util.Set;

/** {@code inspect FILE}: what a GGUF holds, read from its header only. */
final class Inspect {
    static final String USAGE = "locara inspect FILE";
    private static final String[] SPECIAL_IDS = {"bos", "eos", "unknown", "separator", "padding", "mask"};

    private Inspect() {
    }

    static void run(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args args = new Args(argv, 1, USAGE, Set.of(), Set.of()).positionals(1);
        try (OpenModel m = OpenModel.open(args.positional(0))) {
            print(m.gguf(), m.path().toString(), out);
        }
    }

    static void print(GgufFile g, String path, PrintStream out) {
        String arch = g.string("general.architecture", "?");
        out.println("file: " + path + " (" + g.fileSize() + " bytes, GGUF v" + g.version() + ", alignment " + g.alignment() + ")");
        out.println("architecture: " + arch);
        if (g.has("general.name")) {
            out.println("name: " + g.string("general.name", ""));
        }
        if (g.has("general.file_type")) {
            out.println("file type: " + g.integer("general.file_type", -1));
        }
        out.println("hyper-parameters:");
        for (Map.Entry<String, Object> e : g.metadata().entrySet()) {
            if (e.getKey().startsWith(arch + ".")) {
                out.println("  " + e.getKey().substring(arch.length() + 1) + ": " + format(e.getValue()));
            }
        }
        String[] tokens = g.array("tokenizer.ggml.tokens", String[].class);
        out.print("tokenizer: model " + g.string("tokenizer.ggml.model", "-") + ", pre " + g.string("tokenizer.ggml.pre", "-")
                + ", vocab " + (tokens == null ? 0 : tokens.length));
        for (String id : SPECIAL_IDS) {
            String key = "tokenizer.ggml." + id + "_token_id";
            if (g.has(key)) {
                out.print(", " + id + " " + format(g.metadata().get(key)));
            }
        }
        out.println();
        out.println("license: " + g.string("general.license", "(not stated)"));
        String template = g.string("tokenizer.chat_template", null);
        out.println("chat template: " + (template == null ? "(none)" : "\n  " + template.replace("\n", "\n  ")));
        out.println("tensors: " + g.tensors().size());
        long parameters = 0;
        long bytes = 0;
        for (GgufTensorInfo t : g.tensors()) {
            out.printf("  %-32s %-6s %-20s %d%n", t.name(), t.type(), t.shapeString(), t.bytes());
            parameters += t.elements();
            bytes += t.bytes();
        }
        out.printf("parameters: %d (%.1f M)%n", parameters, parameters / 1e6);
        out.printf("tensor bytes: %d (%.1f MiB)%n", bytes, bytes / 1048576.0);
    }

    /** A metadata value in one line; arrays as their length and first items. */
    static String format(Object v) {
        if (v == null || !v.getClass().isArray()) {
            return String.valueOf(v);
        }
        int n = Array.getLength(v);
        StringBuilder sb = new StringBuilder("[" + n + " items: ");
        for (int i = 0; i < Math.min(n, 5); i++) {
            sb.append(i == 0 ? "" : ", ").append(format(Array.get(v, i)));
        }
        return sb.append(n > 5 ? ", ...]" : "]").toString();
    }
}
