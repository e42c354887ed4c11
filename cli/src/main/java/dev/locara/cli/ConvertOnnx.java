package dev.locara.cli;

import dev.locara.embed.Pooling;
import dev.locara.gguf.GgmlType;
import dev.locara.json.Json;
import dev.locara.onnx.BertOnnxConverter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * {@code convert-onnx IN.onnx OUT.gguf}: a Hugging Face BERT exported to ONNX, with its tokenizer.json, to a
 * llama.cpp-style {@code bert} GGUF. The pooling comes from {@code --pooling} or a sentence-transformers
 * {@code 1_Pooling/config.json} beside the model; the ONNX graph does not record it.
 */
final class ConvertOnnx {
    static final String USAGE = "locara convert-onnx IN.onnx OUT.gguf [--type F32|F16|Q8_0] [--tokenizer tokenizer.json]"
            + " [--pooling mean|cls] [--heads N] [--query-prefix TEXT] [--document-prefix TEXT] [--name NAME]";

    private ConvertOnnx() {
    }

    static void run(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args args = new Args(argv, 1, USAGE, Set.of("type", "tokenizer", "pooling", "heads", "query-prefix", "document-prefix", "name"),
                Set.of()).positionals(2);
        Path in = Path.of(args.positional(0));
        Path target = Path.of(args.positional(1));
        GgmlType type = switch (args.string("type", "F32")) {
            case "F32" -> GgmlType.F32;
            case "F16" -> GgmlType.F16;
            case "Q8_0" -> GgmlType.Q8_0;
            default -> throw args.fail("--type must be F32, F16 or Q8_0, got '" + args.string("type", "") + "'");
        };
        Path dir = in.toAbsolutePath().getParent();
        Path tokenizer = args.has("tokenizer") ? Path.of(args.string("tokenizer", "")) : dir.resolve("tokenizer.json");
        if (!Files.exists(tokenizer)) {
            throw args.fail("no tokenizer.json beside " + in + "; name it with --tokenizer");
        }
        Pooling pooling = pooling(args, dir);
        String name = args.string("name", in.getFileName().toString().replaceFirst("\\.onnx$", ""));
        BertOnnxConverter.Options options = new BertOnnxConverter.Options(type, pooling, args.integer("heads", 0, 0),
                args.string("query-prefix", ""), args.string("document-prefix", ""), name);
        long start = System.nanoTime();
        BertOnnxConverter.Result r;
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(in), 1 << 20)) {
            r = BertOnnxConverter.convert(stream, Files.readString(tokenizer, StandardCharsets.UTF_8), options);
        }
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
            r.writer().write(stream);
        }
        for (String note : r.notes()) {
            err.println("note: " + note);
        }
        out.printf("wrote %s: bert %s, %d layers, width %d, %d heads, ffn %d, vocab %d, context %d, eps %s, pooling %s,"
                        + " %d bytes in %.1f s%n", target, type, r.layers(), r.dim(), r.heads(), r.ffn(), r.vocab(), r.context(),
                r.eps(), pooling, Files.size(target), (System.nanoTime() - start) / 1e9);
    }

    @SuppressWarnings("unchecked")
    private static Pooling pooling(Args args, Path dir) throws IOException {
        if (args.has("pooling")) {
            return switch (args.string("pooling", "")) {
                case "mean" -> Pooling.MEAN;
                case "cls" -> Pooling.CLS;
                default -> throw args.fail("--pooling must be mean or cls, got '" + args.string("pooling", "") + "'");
            };
        }
        Path config = dir.resolve("1_Pooling").resolve("config.json");
        if (Files.exists(config)) {
            Map<String, Object> c = (Map<String, Object>) Json.parse(Files.readString(config, StandardCharsets.UTF_8));
            if (Boolean.TRUE.equals(c.get("pooling_mode_cls_token"))) {
                return Pooling.CLS;
            }
            if (Boolean.TRUE.equals(c.get("pooling_mode_mean_tokens"))) {
                return Pooling.MEAN;
            }
        }
        throw args.fail("the ONNX graph does not say how the model pools: give --pooling mean (all-MiniLM) or cls (bge)");
    }
}
