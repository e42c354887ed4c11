package dev.locara.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * llama.cpp's tokenizer conformance files (models/ggml-vocab-*.gguf.inp / .out), read the way its
 * test-tokenizer-0 reads them, so the JVM tests and the browser checks share one reading.
 */
public final class TokenizerVectors {
    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    private TokenizerVectors() {
    }

    /** The inputs: every text that a separator line ends (what follows the last separator is not an input). */
    public static List<String> inputs(String inp) {
        List<String> inputs = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = inp.indexOf(SEPARATOR, from)) >= 0) {
            inputs.add(inp.substring(from, at));
            from = at + SEPARATOR.length();
        }
        return inputs;
    }

    /** The expected ids, one line per input, space-separated (an empty line for no tokens). */
    public static List<int[]> outputs(String out) {
        List<int[]> outputs = new ArrayList<>();
        String[] lines = out.split("\n", -1);
        int count = out.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                outputs.add(new int[0]);
                continue;
            }
            String[] parts = line.split(" +");
            int[] ids = new int[parts.length];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = Integer.parseInt(parts[k]);
            }
            outputs.add(ids);
        }
        return outputs;
    }

    /** Compares a tokenizer with the vectors: one line per mismatching input, empty when all match. */
    public static List<String> mismatches(Tokenizer tokenizer, List<String> inputs, List<int[]> expected) {
        List<String> problems = new ArrayList<>();
        if (inputs.size() != expected.size()) {
            problems.add(inputs.size() + " inputs but " + expected.size() + " expected lines");
            return problems;
        }
        for (int i = 0; i < inputs.size(); i++) {
            int[] got = tokenizer.encode(inputs.get(i), false, false);
            if (!java.util.Arrays.equals(got, expected.get(i))) {
                problems.add("#" + i + " " + quote(inputs.get(i)) + ": expected " + java.util.Arrays.toString(expected.get(i))
                        + " got " + java.util.Arrays.toString(got));
            }
        }
        return problems;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : String.valueOf(c));
        }
        return b.append('"').toString();
    }
}
