package dev.locara.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.DemoModel;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.gguf.FileByteSource;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.gguf.TensorReader;
import dev.locara.model.LlamaCpu;
import dev.locara.tokenizer.Tokenizer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantizes the demo model (stories260K: dim 64, feed-forward 172, untied output) and runs the results. */
class ModelQuantizerTest {
    @TempDir
    Path dir;

    @Test
    void q8_0PlanAndGreedyOutputMatchLlamaCpp() throws Exception {
        Map<String, GgmlType> plan = plan(QuantPreset.Q8_0);
        assertEquals(GgmlType.F32, plan.get("output_norm.weight"), "1-D tensors stay F32");
        assertEquals(GgmlType.F32, plan.get("blk.0.attn_norm.weight"));
        assertEquals(GgmlType.Q8_0, plan.get("token_embd.weight"));
        assertEquals(GgmlType.Q8_0, plan.get("output.weight"));
        for (int l = 0; l < 5; l++) {
            for (String m : new String[] {"attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up"}) {
                assertEquals(GgmlType.Q8_0, plan.get("blk." + l + "." + m + ".weight"), m);
            }
            // rows of 172 values: no 32-value block fits, so the source F32 is kept
            assertEquals(GgmlType.F32, plan.get("blk." + l + ".ffn_down.weight"));
        }

        Path file = quantize(QuantPreset.Q8_0);
        try (FileByteSource source = new FileByteSource(file); FileByteSource original = DemoModel.open()) {
            GgufFile gguf = GgufReader.read(source);
            assertEquals(7L, gguf.integer("general.file_type", -1));
            assertEquals(2L, gguf.integer("general.quantization_version", -1));
            // the file holds exactly what the reference quantizer makes of the source rows
            GgufTensorInfo wq = gguf.tensor("blk.3.attn_q.weight");
            float[] src = TensorReader.readFloats(original, GgufReader.read(original).tensor("blk.3.attn_q.weight"));
            byte[] stored = new byte[(int) wq.bytes()];
            source.readFully(wq.offset(), stored, 0, stored.length);
            assertArrayEquals(QuantFormats.of(GgmlType.Q8_0).quantize(src, 0, src.length), stored);

            assertArrayEquals(DemoModel.GREEDY_64, greedy(gguf, source).tokens());
        }
    }

    @Test
    void q4_0PlanAndGreedyRun() throws Exception {
        Map<String, GgmlType> plan = plan(QuantPreset.Q4_0);
        assertEquals(GgmlType.Q4_0, plan.get("token_embd.weight"));
        // llama.cpp wants Q6_K for the output; 64-value rows take its fallback, Q8_0
        assertEquals(GgmlType.Q8_0, plan.get("output.weight"));
        assertEquals(GgmlType.Q4_0, plan.get("blk.2.attn_v.weight"));
        assertEquals(GgmlType.Q4_0, plan.get("blk.4.ffn_up.weight"));
        assertEquals(GgmlType.F32, plan.get("blk.4.ffn_down.weight"));

        Path file = quantize(QuantPreset.Q4_0);
        assertTrue(Files.size(file) < Files.size(DemoModel.path()));
        try (FileByteSource source = new FileByteSource(file)) {
            GgufFile gguf = GgufReader.read(source);
            assertEquals(2L, gguf.integer("general.file_type", -1));
            int[] tokens = greedy(gguf, source).tokens();
            assertEquals(64, tokens.length);
            int same = 0;
            while (same < 64 && tokens[same] == DemoModel.GREEDY_64[same]) {
                same++;
            }
            System.out.println("Q4_0 demo model: the first " + same + " of 64 greedy tokens match the F32 model's");
        }
    }

    @Test
    void kQuantPresetsUseMoreBitsAndFallBackOnNarrowRows() throws Exception {
        Map<String, GgmlType> plan = plan(QuantPreset.Q4_K_M);
        // 64-value rows cannot hold a 256-value K block: Q4_K falls back to Q5_0, Q6_K to Q8_0
        assertEquals(GgmlType.Q5_0, plan.get("blk.0.attn_q.weight"));
        assertEquals(GgmlType.Q5_0, plan.get("token_embd.weight"));
        assertEquals(GgmlType.Q8_0, plan.get("output.weight"));
        // use_more_bits over 5 layers picks layers 2 and 4 for attn_v (Q6_K, here its fallback Q8_0)
        assertEquals(GgmlType.Q5_0, plan.get("blk.0.attn_v.weight"));
        assertEquals(GgmlType.Q5_0, plan.get("blk.1.attn_v.weight"));
        assertEquals(GgmlType.Q8_0, plan.get("blk.2.attn_v.weight"));
        assertEquals(GgmlType.Q5_0, plan.get("blk.3.attn_v.weight"));
        assertEquals(GgmlType.Q8_0, plan.get("blk.4.attn_v.weight"));
        assertEquals(GgmlType.F32, plan.get("blk.2.ffn_down.weight"));
        assertEquals(GgmlType.Q5_1, plan(QuantPreset.Q5_K_M).get("blk.1.attn_q.weight"));
        assertEquals(GgmlType.Q8_0, plan(QuantPreset.Q6_K).get("blk.1.attn_q.weight"));
    }

    @Test
    void useMoreBitsMatchesLlamaCpp() {
        // 32 layers: the first 4, the last 4, and every third from layer 6
        StringBuilder picked = new StringBuilder();
        for (int l = 0; l < 32; l++) {
            if (ModelQuantizer.useMoreBits(l, 32)) picked.append(l).append(' ');
        }
        assertEquals("0 1 2 3 6 9 12 15 18 21 24 27 28 29 30 31 ", picked.toString());
    }

    private static Map<String, GgmlType> plan(QuantPreset preset) throws Exception {
        try (FileByteSource source = DemoModel.open()) {
            Map<String, GgmlType> types = new LinkedHashMap<>();
            for (ModelQuantizer.Choice c : ModelQuantizer.plan(GgufReader.read(source), preset)) {
                types.put(c.tensor().name(), c.type());
            }
            return types;
        }
    }

    private Path quantize(QuantPreset preset) throws Exception {
        Path out = dir.resolve("stories260K-" + preset + ".gguf");
        try (FileByteSource source = DemoModel.open(); OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
            ModelQuantizer.quantize(GgufReader.read(source), source, preset, o);
        }
        return out;
    }

    private static Completion greedy(GgufFile gguf, FileByteSource source) {
        Generator generator = new Generator(Tokenizer.fromGguf(gguf), new LlamaCpu(gguf, source, 512));
        return generator.generate(new CompletionRequest(DemoModel.PROMPT, 64, 0f, 0), (token, text) -> { }, () -> false);
    }
}
