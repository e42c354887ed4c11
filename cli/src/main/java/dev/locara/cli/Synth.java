package dev.locara.cli;

import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufWriter;
import dev.locara.quant.QuantPreset;
import dev.locara.synth.EncoderShape;
import dev.locara.synth.ModelShape;
import dev.locara.synth.SyntheticEncoder;
import dev.locara.synth.SyntheticModel;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code synth}: writes a GGUF of seeded random weights, shaped as a named real model or by given
 * dimensions, in F32 or with the tensor types of a quantized release ({@code --type Q4_K_M}). {@code --header-only} writes the real header and leaves the data as a sparse run of
 * zeros: the file has its full size and parses, but costs neither time nor disk.
 */
final class Synth {
    static final String USAGE = "locara synth (NAME | --dim N --layers N --heads N [--kv-heads N] --ffn N --vocab N [--arch " + String.join("|", ModelShape.ARCHITECTURES)
            + "] [--head-dim N] [--rope-theta X] [--window N] [--attn-softcap X] [--final-softcap X] [--llama3-rope])"
            + " [--context N] [--seed S] [--type F32|" + String.join("|", names(QuantPreset.values())) + "] [--header-only] --out FILE; NAME: "
            + String.join(", ", ModelShape.NAMED.keySet()) + "; or an embedding model: ENCODER [--layers N] [--type F32|F16|Q8_0]"
            + " [--seed S] --out FILE; ENCODER: " + String.join(", ", EncoderShape.NAMED.keySet());

    static String[] names(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            names[i] = values[i].name();
        }
        return names;
    }

    private Synth() {
    }

    static void run(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args args = new Args(argv, 1, USAGE,
                Set.of("dim", "layers", "heads", "kv-heads", "ffn", "vocab", "context", "arch", "seed", "type", "out",
                        "head-dim", "window", "rope-theta", "attn-softcap", "final-softcap"),
                Set.of("header-only", "llama3-rope"));
        if (args.positionals().size() == 1 && EncoderShape.NAMED.containsKey(args.positional(0))) {
            encoder(args, EncoderShape.NAMED.get(args.positional(0)), out);
            return;
        }
        ModelShape shape = shape(args);
        if (!args.has("out")) {
            throw args.fail("--out FILE is required");
        }
        String type = args.string("type", "F32");
        QuantPreset preset = null;
        if (!type.equals("F32")) {
            try {
                preset = QuantPreset.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw args.fail("unknown type '" + type + "'");
            }
        }
        long seed = args.longValue("seed", 0);
        GgufWriter writer = preset == null ? SyntheticModel.writerF32(shape, seed) : SyntheticModel.writer(shape, seed, preset);
        Path path = Path.of(args.string("out", ""));
        write(writer, path, args.has("header-only"));
        out.printf("wrote %s: %s %s, %d tensors, %d bytes%s%n", path, shape.name(), type, SyntheticModel.tensors(shape).size(),
                Files.size(path), args.has("header-only") ? " (header only, sparse zero data)" : "");
    }

    /** An embedding model of a named shape, optionally with fewer layers, its matrices in F32, F16 or Q8_0. */
    private static void encoder(Args args, EncoderShape named, PrintStream out) throws IOException {
        if (!args.has("out")) {
            throw args.fail("--out FILE is required");
        }
        GgmlType type = switch (args.string("type", "F32")) {
            case "F32" -> GgmlType.F32;
            case "F16" -> GgmlType.F16;
            case "Q8_0" -> GgmlType.Q8_0;
            default -> throw args.fail("an embedding model is written in F32, F16 or Q8_0, not '" + args.string("type", "") + "'");
        };
        EncoderShape shape = named.withLayers(args.integer("layers", named.layers(), 1));
        Path path = Path.of(args.string("out", ""));
        write(SyntheticEncoder.writer(shape, args.longValue("seed", 0), type), path, args.has("header-only"));
        out.printf("wrote %s: %s (%s, %d layers) %s, %d bytes%n", path, shape.name(), shape.architecture(), shape.layers(), type,
                Files.size(path));
    }

    static void write(GgufWriter writer, Path path, boolean headerOnly) throws IOException {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            if (headerOnly) {
                writer.writeHeader(stream);
            } else {
                writer.write(stream);
            }
        }
        if (headerOnly) {
            try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
                file.setLength(writer.fileSize());
            }
        }
    }

    private static ModelShape shape(Args args) {
        boolean custom = args.has("dim") || args.has("layers") || args.has("heads") || args.has("ffn") || args.has("vocab");
        if (args.positionals().size() == 1 && !custom) {
            ModelShape named = ModelShape.NAMED.get(args.positional(0));
            if (named == null) {
                throw args.fail("unknown model '" + args.positional(0) + "'");
            }
            if (args.has("arch")) {
                throw args.fail("--arch goes with given dimensions, not with a named model");
            }
            if (!args.has("context")) {
                return named;
            }
            return new ModelShape(named.name(), named.architecture(), named.dim(), named.layers(), named.heads(), named.kvHeads(),
                    named.ffn(), named.vocab(), args.integer("context", 0, 1), named.ropeTheta(), named.normEps(),
                    named.tiedOutput(), named.ropeScaling(), named.headDim(), named.slidingWindow(), named.attnSoftcap(),
                    named.finalSoftcap());
        }
        if (!args.positionals().isEmpty() || !custom) {
            throw args.fail("give a model NAME or its dimensions, not both");
        }
        for (String required : new String[] {"dim", "layers", "heads", "ffn", "vocab"}) {
            if (!args.has(required)) {
                throw args.fail("--" + required + " is required with given dimensions");
            }
        }
        int heads = args.integer("heads", 0, 1);
        int dim = args.integer("dim", 0, 1);
        String arch = args.string("arch", "llama");
        // Phi-3 ships an untied output matrix; the others here tie it to the embedding.
        boolean tied = !arch.equals("phi3");
        try {
            return new ModelShape("custom", arch, dim, args.integer("layers", 0, 1),
                    heads, args.integer("kv-heads", heads, 1), args.integer("ffn", 0, 1), args.integer("vocab", 0, 1),
                    args.integer("context", 2048, 1), args.real("rope-theta", 10000f), 1e-5f, tied,
                    args.has("llama3-rope") ? new ModelShape.Llama3Rope(32f, 1f, 4f, 8192) : null, args.integer("head-dim", dim / heads, 2),
                    args.integer("window", 0, 0), args.real("attn-softcap", 0f), args.real("final-softcap", 0f));
        } catch (IllegalArgumentException e) {
            throw args.fail(e.getMessage());
        }
    }
}
