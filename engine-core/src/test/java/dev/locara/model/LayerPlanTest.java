package dev.locara.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.gguf.ByteArraySource;
import dev.locara.gguf.GgufReader;
import dev.locara.model.LayerStep.Attention;
import dev.locara.model.LayerStep.Slot;
import dev.locara.synth.ModelShape;
import dev.locara.synth.SyntheticModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerPlanTest {
    private static ModelShape shape(String arch) {
        boolean gemma = arch.startsWith("gemma");
        return new ModelShape("plan-" + arch, arch, 64, 6, 4, 2, 96, 300, 64, 10000f, 1e-5f, false, null,
                gemma ? 32 : 16, gemma ? 8 : 0, 0f, 0f);
    }

    private static LlamaConfig config(ModelShape shape) throws Exception {
        byte[] file = SyntheticModel.writerF32(shape, 1).toBytes();
        return LlamaConfig.fromGguf(GgufReader.read(new ByteArraySource(file)));
    }

    /**
     * The plan reads exactly the block tensors llama.cpp's converter writes for the architecture (as
     * the synthetic files copy them), with the shapes it writes: a step missing from the plan, or one
     * too many, leaves a tensor unread or asks for one the file lacks.
     */
    @ParameterizedTest
    @ValueSource(strings = {"llama", "qwen2", "phi3", "gemma2", "gemma3"})
    void planReadsEveryBlockTensorOfTheFile(String arch) throws Exception {
        ModelShape shape = shape(arch);
        LlamaConfig c = config(shape);
        Map<String, Long> expected = new TreeMap<>();
        for (SyntheticModel.TensorSpec t : SyntheticModel.tensors(shape)) {
            if (t.name().startsWith("blk.0.")) {
                long elements = 1;
                for (long d : t.shape()) {
                    elements *= d;
                }
                expected.put(t.name(), elements);
            }
        }
        List<BlockTensor> read = new ArrayList<>(LayerPlan.of(c).tensors());
        if (c.fusedQkv() && read.removeAll(List.of(BlockTensor.ATTN_Q, BlockTensor.ATTN_K, BlockTensor.ATTN_V))) {
            read.add(BlockTensor.ATTN_QKV);
        }
        if (c.fusedGateUp() && read.removeAll(List.of(BlockTensor.FFN_GATE, BlockTensor.FFN_UP))) {
            read.add(BlockTensor.FFN_GATE_UP);
        }
        Map<String, Long> planned = new TreeMap<>();
        for (BlockTensor t : read) {
            planned.put(t.name(0), t.elements(c));
        }
        assertEquals(expected, planned);
    }

    @Test
    void llamaLayerIsSevenStepsAndNeedsNoGemmaSlots() throws Exception {
        LayerPlan plan = LayerPlan.of(config(shape("llama")));
        assertEquals(7, plan.layer(0).size());
        assertFalse(plan.uses(Slot.BLOCK_OUT));
        assertFalse(plan.uses(Slot.Q_RAW));
        assertTrue(plan.uses(Slot.NORMED));
    }

    @Test
    void gemma3HasHeadNormsAndPostNorms() throws Exception {
        LayerPlan plan = LayerPlan.of(config(shape("gemma3")));
        // attn norm, qkv, q and k head norms, attention, wo, post norm, ffn norm, glu, down, post norm
        assertEquals(11, plan.layer(0).size());
        assertTrue(plan.uses(Slot.BLOCK_OUT));
        assertTrue(plan.uses(Slot.Q_RAW) && plan.uses(Slot.K_RAW));
        assertEquals(LayerStep.Activation.GELU, ((LayerStep.Glu) plan.layer(0).get(8)).activation());
    }

    /** Gemma 2 alternates local and global layers; Gemma 3 has five local layers to one global; each with its layer's RoPE base. */
    @Test
    void localLayersCarryTheWindowAndTheirRopeBase() throws Exception {
        LlamaConfig gemma2 = config(shape("gemma2"));
        LlamaConfig gemma3 = config(shape("gemma3"));
        int[] windows2 = new int[6];
        int[] windows3 = new int[6];
        for (int l = 0; l < 6; l++) {
            windows2[l] = attention(LayerPlan.of(gemma2), l).window();
            windows3[l] = attention(LayerPlan.of(gemma3), l).window();
            assertEquals(gemma3.ropeTheta(l), attention(LayerPlan.of(gemma3), l).ropeTheta());
        }
        assertEquals(List.of(8, 0, 8, 0, 8, 0), box(windows2));
        assertEquals(List.of(8, 8, 8, 8, 8, 0), box(windows3));
    }

    private static Attention attention(LayerPlan plan, int layer) {
        for (LayerStep s : plan.layer(layer)) {
            if (s instanceof Attention a) {
                return a;
            }
        }
        throw new AssertionError("layer " + layer + " has no attention step");
    }

    private static List<Integer> box(int[] values) {
        List<Integer> list = new ArrayList<>();
        for (int v : values) {
            list.add(v);
        }
        return list;
    }
}
