package dev.locara.cli;

import dev.locara.quant.ModelQuantizer;
import dev.locara.quant.QuantPreset;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code quantize IN OUT TYPE}: llama.cpp's per-tensor type plan for a preset, written tensor by tensor. */
final class Quantize {
    static final String USAGE = "locara quantize IN OUT TYPE (" + String.join(", ", Synth.names(QuantPreset.values())) + ")";

    private Quantize() {
    }

    static void run(String[] argv, PrintStream out, PrintStream err) throws IOException {
        Args args = new Args(argv, 1, USAGE, Set.of(), Set.of()).positionals(3);
        QuantPreset preset;
        try {
            preset = QuantPreset.valueOf(args.positional(2));
        } catch (IllegalArgumentException e) {
            throw args.fail("unknown type '" + args.positional(2) + "'");
        }
        Path target = Path.of(args.positional(1));
        if (Files.exists(target) && Files.isSameFile(target, Path.of(args.positional(0)))) {
            throw args.fail("OUT must differ from IN");
        }
        long start = System.nanoTime();
        try (OpenModel m = OpenModel.open(args.positional(0));
             OutputStream stream = new BufferedOutputStream(Files.newOutputStream(target), 1 << 20)) {
            ModelQuantizer.quantize(m.gguf(), m.source(), preset, stream);
        }
        out.printf("wrote %s: %s, %d bytes in %.1f s%n", target, preset, Files.size(target), (System.nanoTime() - start) / 1e9);
    }
}
