package dev.locara.cli;

import java.io.PrintStream;
import java.util.Set;

/** {@code quantize IN OUT TYPE}: waits for the model quantizer of the quant branch. */
final class Quantize {
    static final String USAGE = "locara quantize IN OUT TYPE (Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K_M, Q5_K_M, Q6_K)";

    private Quantize() {
    }

    static void run(String[] argv, PrintStream out, PrintStream err) {
        new Args(argv, 1, USAGE, Set.of(), Set.of()).positionals(3);
        throw new IllegalStateException("quantize is not available yet: the model quantizer has not landed in this build.");
    }
}
