package dev.locara.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.gguf.ByteArraySource;
import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gguf.GgufWriter;
import dev.locara.synth.ModelShape;
import dev.locara.synth.SyntheticModel;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CPU reference against llama.cpp, one synthetic model per architecture: each golden file holds
 * llama.cpp's last-position logits for a 32-token prompt (see arch-goldens/README.md). The model is
 * regenerated here from the same synth arguments and seed, so the file stays a few kilobytes.
 */
class ArchitectureGoldenTest {
    /**
     * Logits are of order 1. Both sides compute in float32 and differ only in summation order: up to
     * 2.4e-6 measured for llama, qwen2 and phi3. ggml's CPU GELU rounds its input to f16 for a table
     * lookup, which Gemma's GeGLU feeds through every layer: up to 8.3e-4 (gemma2, 3 layers) and
     * 1.8e-3 (gemma3, 6 layers) measured. A wrong switch (rope pairs, a missed norm, a bias, the
     * window, a soft-cap) moves logits by 0.01 or more.
     */
    private static float tolerance(String arch) {
        return arch.startsWith("gemma") ? 5e-3f : 2e-5f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "qwen2", "phi3", "gemma2", "gemma3"})
    void lastLogitsMatchLlamaCpp(String arch) throws Exception {
        Golden golden = Golden.read(arch);
        byte[] file = SyntheticModel.writerF32(golden.shape, golden.seed).toBytes();
        ByteArraySource source = new ByteArraySource(file);
        GgufFile gguf = GgufReader.read(source);
        LlamaCpu model = new LlamaCpu(gguf, source, 256);
        assertEquals(arch, model.config().architecture());

        float[] logits = new float[model.config().vocabSize()];
        for (int i = 0; i < golden.tokens.length; i++) {
            model.forward(golden.tokens[i], i, i == golden.tokens.length - 1 ? logits : null);
        }
        assertEquals(golden.logits.length, logits.length);
        float maxDiff = 0;
        for (int i = 0; i < logits.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(logits[i] - golden.logits[i]));
        }
        assertTrue(maxDiff <= tolerance(arch), arch + ": logits differ from llama.cpp's by up to " + maxDiff);
        assertEquals(argmax(golden.logits), argmax(logits), arch + ": greedy token");
    }

    @Test
    void unsupportedArchitectureIsNamedWithTheSupportedOnes() {
        byte[] file = new GgufWriter().put("general.architecture", "mamba").put("mamba.embedding_length", 64).toBytes();
        ByteArraySource source = new ByteArraySource(file);
        GgufException e = assertThrows(GgufException.class, () -> new LlamaCpu(GgufReader.read(source), source, 16));
        assertTrue(e.getMessage().contains("'mamba'"), e.getMessage());
        assertTrue(e.getMessage().contains("llama, qwen2, phi3, gemma2, gemma3"), e.getMessage());
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private record Golden(ModelShape shape, long seed, int[] tokens, float[] logits) {
        static Golden read(String arch) throws Exception {
            try (InputStream in = ArchitectureGoldenTest.class.getResourceAsStream("/arch-goldens/" + arch + ".txt")) {
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                Map<String, String> args = new HashMap<>();
                int[] tokens = null;
                List<Float> values = new ArrayList<>();
                boolean llama3Rope = false;
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("#")) {
                        continue;
                    } else if (line.startsWith("synth: ")) {
                        String[] a = line.substring(7).trim().split(" ");
                        for (int i = 0; i < a.length; i++) {
                            if (a[i].equals("--llama3-rope")) {
                                llama3Rope = true;
                            } else {
                                args.put(a[i].substring(2), a[++i]);
                            }
                        }
                    } else if (line.startsWith("tokens: ")) {
                        String[] t = line.substring(8).trim().split(" ");
                        tokens = new int[t.length];
                        for (int i = 0; i < t.length; i++) {
                            tokens[i] = Integer.parseInt(t[i]);
                        }
                    } else {
                        values.add(Float.parseFloat(line));
                    }
                }
                float[] logits = new float[values.size()];
                for (int i = 0; i < logits.length; i++) {
                    logits[i] = values.get(i);
                }
                return new Golden(shape(args, llama3Rope), Long.parseLong(args.get("seed")), tokens, logits);
            }
        }

        /** The shape `locara synth` builds from these arguments (its defaults: eps 1e-5, theta 10000, tied but for phi3). */
        static ModelShape shape(Map<String, String> a, boolean llama3Rope) {
            String arch = a.get("arch");
            int dim = Integer.parseInt(a.get("dim"));
            int heads = Integer.parseInt(a.get("heads"));
            return new ModelShape("custom", arch, dim, Integer.parseInt(a.get("layers")), heads,
                    Integer.parseInt(a.get("kv-heads")), Integer.parseInt(a.get("ffn")), Integer.parseInt(a.get("vocab")),
                    Integer.parseInt(a.get("context")), Float.parseFloat(a.getOrDefault("rope-theta", "10000")), 1e-5f,
                    !arch.equals("phi3"), llama3Rope ? new ModelShape.Llama3Rope(32f, 1f, 4f, 8192) : null,
                    Integer.parseInt(a.getOrDefault("head-dim", Integer.toString(dim / heads))),
                    Integer.parseInt(a.getOrDefault("window", "0")), Float.parseFloat(a.getOrDefault("attn-softcap", "0")),
                    Float.parseFloat(a.getOrDefault("final-softcap", "0")));
        }
    }
}
