package dev.locara.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each subcommand on the demo model and on small synthetic files, through {@link Cli#run} as the jar runs it. */
class CliTest {
    /** llama.cpp's greedy output for the demo model, prompt included (engine-core's DemoModel.GREEDY_TEXT). */
    static final String GREEDY_TEXT = " Once upon a time, there was a little girl named Lily. She loved to play outside"
            + " in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.\nLily's mom said";

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse(r.err.contains("\tat "), "no stack trace: " + r.err);
        return r;
    }

    static String demo() {
        Path p = Path.of(System.getProperty("locara.models", "../../shared/models"), "stories260K.gguf");
        assertTrue(Files.isRegularFile(p), "the demo model is missing at " + p.toAbsolutePath() + "; set -Dlocara.models=DIR");
        return p.toString();
    }

    @Test
    void inspectDemo() {
        Result r = run("inspect", demo());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("architecture: llama"));
        assertTrue(r.out.contains("  block_count: 5"));
        assertTrue(r.out.contains("tokenizer: model llama, pre -, vocab 512, bos 1, eos 2"));
        assertTrue(r.out.contains("tensors: 48"));
        assertTrue(r.out.matches("(?s).*blk\\.0\\.ffn_down\\.weight +F32 +\\[172, 64] +44032\n.*"), r.out);
        assertTrue(r.out.contains("license: (not stated)"));
        assertTrue(r.out.contains("chat template: (none)"));
    }

    @Test
    void tokenizeAndDetokenizeDemo() {
        Result t = run("tokenize", demo(), "Once upon a time", "--pieces");
        assertEquals(0, t.code, t.err);
        assertTrue(t.out.startsWith("1 403 407 261 378\n"), t.out);
        assertTrue(t.out.contains("403\t\u2581Once"), t.out);
        Result d = run("detokenize", demo(), "1,403,407, 261 378");
        assertEquals(0, d.code, d.err);
        assertEquals(" Once upon a time\n", d.out);
    }

    @Test
    void generateDemoGreedyMatchesLlamaCpp() {
        Result r = run("generate", demo(), "Once upon a time", "--max-tokens", "64");
        assertEquals(0, r.code, r.err);
        assertEquals(GREEDY_TEXT + "\n", r.out);
        assertTrue(r.err.matches("64 tokens in .* tokens/s .*\n"), r.err);
    }

    @Test
    void generateTakesTheSamplingOptionsAndStopStrings() {
        Result stop = run("generate", demo(), "Once upon a time", "--max-tokens", "64", "--stop", "dragon",
                "--stop", "Lily.");
        assertEquals(0, stop.code, stop.err);
        assertEquals(" Once upon a time, there was a little girl named \n", stop.out);
        assertTrue(stop.err.contains("finish: stop"), stop.err);
        String[] sampled = {"generate", demo(), "Once upon a time", "--max-tokens", "32", "--temperature", "0.8",
            "--top-k", "40", "--top-p", "0.9", "--min-p", "0.05", "--repeat-penalty", "1.1", "--presence-penalty", "0.1",
            "--frequency-penalty", "0.1", "--repeat-last-n", "32", "--seed", "42"};
        Result a = run(sampled);
        assertEquals(0, a.code, a.err);
        assertEquals(a.out, run(sampled).out, "same seed, same story");
        assertTrue(a.err.contains("seed 42"), a.err);
        String[][] bad = {{"--top-p", "1.5"}, {"--top-k", "-1"}, {"--min-p", "x"}, {"--repeat-penalty", "0"},
            {"--presence-penalty", "3"}, {"--repeat-last-n", "-2"}, {"--stop", ""}};
        for (String[] option : bad) {
            Result r = run("generate", demo(), "hi", option[0], option[1]);
            assertEquals(2, r.code, String.join(" ", option) + " -> " + r.err);
            assertTrue(r.err.contains("usage: locara generate"), r.err);
        }
    }

    @Test
    void generateChatRendersOneUserMessage() {
        Result r = run("generate", demo(), "Tell me a story", "--chat", "--max-tokens", "8");
        assertEquals(0, r.code, r.err);
        // The demo model has no chat template: the built-in format of its architecture (llama) applies, with a warning.
        assertTrue(r.out.startsWith("<s><|start_header_id|>user<|end_header_id|>\n\nTell me a story<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n"), r.out);
        assertTrue(r.err.contains("warning: The model has no chat template; using the built-in llama3 format."), r.err);
        assertTrue(r.err.contains("8 tokens in "), r.err);
    }

    @Test
    void quantizeDemoThenGenerate(@TempDir Path dir) {
        Path q8 = dir.resolve("q8.gguf");
        Result q = run("quantize", demo(), q8.toString(), "Q8_0");
        assertEquals(0, q.code, q.err);
        Result inspect = run("inspect", q8.toString());
        assertTrue(inspect.out.matches("(?s).*blk\\.0\\.attn_q\\.weight +Q8_0 .*"), inspect.out);
        Result g = run("generate", q8.toString(), "Once upon a time", "--max-tokens", "20");
        assertEquals(0, g.code, g.err);
        assertTrue(g.out.startsWith(" Once upon a time, there was a little girl"), g.out);
        assertEquals(2, run("quantize", demo(), q8.toString(), "Q3_K_XS").code);
    }

    @Test
    void badArgumentsPrintUsageAndExit2() {
        assertEquals(2, run().code);
        Result unknown = run("frobnicate");
        assertEquals(2, unknown.code);
        assertTrue(unknown.err.contains("usage: locara <inspect|tokenize|detokenize|generate|quantize|synth|convert-onnx|embed|eval-retrieval>"));
        String[][] bad = {
            {"inspect"}, {"inspect", "a", "b"}, {"tokenize", demo()}, {"detokenize", demo(), "1,x"},
            {"generate", demo()}, {"generate", demo(), "hi", "--max-tokens", "many"}, {"generate", demo(), "hi", "--temperature", "-1"},
            {"generate", demo(), "hi", "--bogus", "1"}, {"generate", demo(), "hi", "--seed"}, {"quantize", "in"},
            {"synth"}, {"synth", "gpt-5"}, {"eval-retrieval"}, {"eval-retrieval", "no-such-dir"}, {"synth", "--dim", "64", "--out", "x"}, {"synth", "smollm2-360m"},
            {"synth", "--dim", "60", "--layers", "1", "--heads", "7", "--ffn", "8", "--vocab", "300", "--out", "x"},
            {"synth", "nomic-embed-text-v1.5"}, {"synth", "bge-small-en-v1.5", "--type", "Q4_K_M", "--out", "x"},
            {"convert-onnx", "in.onnx"}, {"convert-onnx", "in.onnx", "out.gguf", "--type", "Q4_0"}, {"embed", demo()},
        };
        for (String[] args : bad) {
            Result r = run(args);
            assertEquals(2, r.code, String.join(" ", args) + " -> " + r.err);
            assertTrue(r.err.contains("usage: locara " + args[0]), r.err);
        }
    }

    @Test
    void libraryErrorsAreOneLineAndExit1(@TempDir Path dir) throws Exception {
        Path notGguf = Files.writeString(dir.resolve("x.gguf"), "hello, not a model");
        Result r = run("inspect", notGguf.toString());
        assertEquals(1, r.code);
        assertEquals("error: Not a GGUF file: it starts with bytes 68 65 6c 6c instead of 'GGUF'. Download the model in GGUF format.\n", r.err);
        Path truncated = Files.write(dir.resolve("t.gguf"), java.util.Arrays.copyOf(Files.readAllBytes(Path.of(demo())), 5000));
        Result t = run("generate", truncated.toString(), "hi");
        assertEquals(1, t.code);
        assertTrue(t.err.startsWith("error: ") && t.err.lines().count() == 1, t.err);
        assertEquals(1, run("inspect", dir.resolve("missing.gguf").toString()).code);
        assertTrue(run("detokenize", demo(), "9999").err.contains("outside the vocabulary of 512 tokens"));
        Result longPrompt = run("generate", demo(), "Once upon a time", "--context", "3");
        assertEquals(1, longPrompt.code);
        assertTrue(longPrompt.err.startsWith("error: The prompt is 5 tokens long"), longPrompt.err);
    }
}
