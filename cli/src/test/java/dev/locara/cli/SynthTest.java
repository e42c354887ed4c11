package dev.locara.cli;

import static dev.locara.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.model.LlamaCpu;
import dev.locara.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** synth: small files that generate, and the named real shapes checked through their headers. */
class SynthTest {
    @TempDir
    Path dir;

    private Path synth(String name, String... extra) {
        Path out = dir.resolve(name + ".gguf");
        String[] args = new String[extra.length + 3];
        args[0] = "synth";
        System.arraycopy(extra, 0, args, 1, extra.length);
        args[extra.length + 1] = "--out";
        args[extra.length + 2] = out.toString();
        CliTest.Result r = run(args);
        assertEquals(0, r.code(), r.err());
        return out;
    }

    private static final String[] SMALL = {"--dim", "64", "--layers", "4", "--heads", "4", "--kv-heads", "2", "--ffn", "160",
        "--vocab", "700", "--context", "256"};

    private Path small(String name, long seed) {
        String[] args = java.util.Arrays.copyOf(SMALL, SMALL.length + 2);
        args[SMALL.length] = "--seed";
        args[SMALL.length + 1] = Long.toString(seed);
        return synth(name, args);
    }

    @Test
    void smallModelInspectsGeneratesAndIsDeterministicPerSeed() throws Exception {
        Path a = small("a", 7);
        Path b = small("b", 7);
        Path c = small("c", 8);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));

        CliTest.Result inspect = run("inspect", a.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("tensors: 38") && inspect.out().contains("vocab 700, bos 1, eos 2, unknown 0"), inspect.out());

        CliTest.Result tokens = run("tokenize", a.toString(), "hello world");
        assertEquals(0, tokens.code(), tokens.err());
        CliTest.Result g1 = run("generate", a.toString(), "hello world", "--max-tokens", "24");
        CliTest.Result g2 = run("generate", a.toString(), "hello world", "--max-tokens", "24");
        assertEquals(0, g1.code(), g1.err());
        assertEquals(g1.out(), g2.out());
        assertTrue(g1.out().startsWith(" hello world") && g1.out().length() > " hello world\n".length(), g1.out());
        CliTest.Result s1 = run("generate", a.toString(), "hi", "--temperature", "1", "--seed", "3", "--max-tokens", "24");
        CliTest.Result s2 = run("generate", a.toString(), "hi", "--temperature", "1", "--seed", "3", "--max-tokens", "24");
        assertEquals(s1.out(), s2.out());

        // Activations stay finite through all layers, and the logits are not degenerate.
        try (FileByteSource source = new FileByteSource(a)) {
            GgufFile gguf = GgufReader.read(source);
            LlamaCpu model = new LlamaCpu(gguf, source, 64);
            int[] prompt = Tokenizer.fromGguf(gguf).encode("the quick brown fox", true, false);
            float[] logits = new float[700];
            for (int i = 0; i < prompt.length; i++) {
                model.forward(prompt[i], i, logits);
            }
            float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
            for (float v : logits) {
                assertTrue(Float.isFinite(v));
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(max - min > 0.1f && max - min < 100f, "logit spread " + (max - min));
        }
    }

    @Test
    void namedShapesHaveTheRealModelsTensors() throws Exception {
        // name, architecture, tensors, parameters (as each model card or config gives them), embedding [dim, vocab], k [dim, kvDim]
        Object[][] expected = {
            {"llama-3.2-1b", "llama", 147, 1_235_814_432L, new long[] {2048, 128256}, new long[] {2048, 512}},
            {"qwen2.5-0.5b", "qwen2", 290, 494_032_768L, new long[] {896, 151936}, new long[] {896, 128}},
            {"smollm2-360m", "llama", 290, 361_821_120L, new long[] {960, 49152}, new long[] {960, 320}},
        };
        for (Object[] e : expected) {
            String name = (String) e[0];
            String arch = (String) e[1];
            Path p = synth(name, name, "--header-only");
            try (FileByteSource source = new FileByteSource(p)) {
                GgufFile g = GgufReader.read(source);
                assertEquals(arch, g.string("general.architecture", null));
                assertEquals(e[2], g.tensors().size(), name);
                long params = 0;
                for (GgufTensorInfo t : g.tensors()) {
                    params += t.elements();
                    assertEquals(GgmlType.F32, t.type());
                }
                assertEquals((long) e[3], params, name);
                assertArrayEquals((long[]) e[4], g.tensor("token_embd.weight").shape(), name);
                assertArrayEquals((long[]) e[5], g.tensor("blk.0.attn_k.weight").shape(), name);
                assertNull(g.tensor("output.weight"), name + " has tied output");
                assertEquals(arch.equals("qwen2"), g.tensor("blk.0.attn_q.bias") != null, name);
                assertEquals(name.startsWith("llama-3"), g.tensor("rope_freqs.weight") != null, name);
                assertEquals(((long[]) e[4])[1], Tokenizer.fromGguf(g).vocabulary().size(), name);
                for (String key : new String[] {"context_length", "embedding_length", "block_count", "feed_forward_length",
                    "attention.head_count", "attention.head_count_kv", "rope.freq_base", "attention.layer_norm_rms_epsilon"}) {
                    assertNotNull(g.metadata().get(arch + "." + key), name + " " + key);
                }
            }
        }
        try (FileByteSource source = new FileByteSource(dir.resolve("llama-3.2-1b.gguf"))) {
            GgufFile g = GgufReader.read(source);
            assertEquals(16, g.requireInt("llama.block_count"));
            assertEquals(8, g.requireInt("llama.attention.head_count_kv"));
            assertEquals(500000f, g.real("llama.rope.freq_base", 0));
            assertEquals(64, g.requireInt("llama.rope.dimension_count"));
        }
        try (FileByteSource source = new FileByteSource(dir.resolve("qwen2.5-0.5b.gguf"))) {
            GgufFile g = GgufReader.read(source);
            assertEquals(1000000f, g.real("qwen2.rope.freq_base", 0));
            assertEquals(1e-6f, g.real("qwen2.attention.layer_norm_rms_epsilon", 0));
            assertEquals(14, g.requireInt("qwen2.attention.head_count"));
        }
    }

    @Test
    void quantizedSynthesisHasTheReleaseTypesAndGenerates() throws Exception {
        Path q = synth("q", "--dim", "256", "--layers", "2", "--heads", "4", "--ffn", "512", "--vocab", "400", "--type", "Q4_K_M");
        CliTest.Result g1 = run("generate", q.toString(), "hello", "--max-tokens", "8");
        CliTest.Result g2 = run("generate", q.toString(), "hello", "--max-tokens", "8");
        assertEquals(0, g1.code(), g1.err());
        assertEquals(g1.out(), g2.out());
        // llama.cpp's Q4_K_M for Llama 3.2 1B: tied embedding Q6_K, attn_v and ffn_down Q6_K in the "more bits" layers, else Q4_K.
        Path p = synth("l", "llama-3.2-1b", "--type", "Q4_K_M", "--header-only");
        try (FileByteSource source = new FileByteSource(p)) {
            GgufFile g = GgufReader.read(source);
            assertEquals(15, g.requireInt("general.file_type"));
            assertEquals(GgmlType.Q6_K, g.tensor("token_embd.weight").type());
            assertEquals(GgmlType.Q4_K, g.tensor("blk.0.attn_q.weight").type());
            assertEquals(GgmlType.Q6_K, g.tensor("blk.0.attn_v.weight").type());
            assertEquals(GgmlType.Q4_K, g.tensor("blk.2.attn_v.weight").type());
            assertEquals(GgmlType.F32, g.tensor("blk.0.attn_norm.weight").type());
        }
    }
}
