package dev.locara.model;

import dev.locara.model.LayerStep.Activation;
import dev.locara.model.LayerStep.Attention;
import dev.locara.model.LayerStep.Glu;
import dev.locara.model.LayerStep.Norm;
import dev.locara.model.LayerStep.Project;
import dev.locara.model.LayerStep.Qkv;
import dev.locara.model.LayerStep.Slot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * The steps of every transformer block, in order: the one description of an architecture's layers
 * that the CPU reference ({@link LlamaCpu}) and the GPU passes walk, built once at load from
 * {@link LlamaConfig}. A new architecture family is a new way of listing steps here (and, for a
 * kind of step none had before, a {@link LayerStep.Visitor} method per backend).
 *
 * @param layers the steps of each layer; layers differ where the config makes them (a local layer's window and RoPE base)
 */
public record LayerPlan(List<List<LayerStep>> layers) {

    public LayerPlan {
        List<List<LayerStep>> copy = new ArrayList<>();
        for (List<LayerStep> layer : layers) {
            copy.add(List.copyOf(layer));
        }
        layers = List.copyOf(copy);
    }

    /**
     * The pre-norm llama block with the switches llama.cpp's llama-model.cpp applies per
     * architecture: biases on q, k, v (qwen2), per-head norms of q and k (gemma3), norms of each
     * sublayer's output before its residual add (gemma), GeGLU (gemma), local layers (gemma).
     */
    public static LayerPlan of(LlamaConfig c) {
        List<List<LayerStep>> layers = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            List<LayerStep> s = new ArrayList<>();
            s.add(Norm.of(BlockTensor.ATTN_NORM, Slot.X, Slot.NORMED));
            if (c.qkNorm()) {
                s.add(new Qkv(Slot.NORMED, Slot.Q_RAW, Slot.K_RAW, c.qkvBias()));
                s.add(Norm.perHead(BlockTensor.ATTN_Q_NORM, Slot.Q_RAW, Slot.Q));
                s.add(Norm.perHead(BlockTensor.ATTN_K_NORM, Slot.K_RAW, Slot.K));
            } else {
                s.add(new Qkv(Slot.NORMED, Slot.Q, Slot.K, c.qkvBias()));
            }
            s.add(new Attention(c.isLocal(l) ? c.slidingWindow() : 0, c.ropeTheta(l)));
            addBlockOutput(s, BlockTensor.ATTN_OUTPUT, Slot.ATTN_OUT, c.postNorms() ? BlockTensor.POST_ATTN_NORM : null);

            s.add(Norm.of(BlockTensor.FFN_NORM, Slot.X, Slot.NORMED));
            s.add(new Glu(c.geluFfn() ? Activation.GELU : Activation.SILU, Slot.NORMED, Slot.HIDDEN));
            addBlockOutput(s, BlockTensor.FFN_DOWN, Slot.HIDDEN, c.postNorms() ? BlockTensor.POST_FFN_NORM : null);
            layers.add(s);
        }
        return new LayerPlan(layers);
    }

    /** X += W in; with a post-norm (gemma), X += rmsnorm(W in) * postNorm. */
    private static void addBlockOutput(List<LayerStep> s, BlockTensor w, Slot in, BlockTensor postNorm) {
        if (postNorm == null) {
            s.add(new Project(w, in, Slot.X, true));
        } else {
            s.add(new Project(w, in, Slot.BLOCK_OUT, false));
            s.add(Norm.adding(postNorm, Slot.BLOCK_OUT, Slot.X));
        }
    }

    public List<LayerStep> layer(int l) {
        return layers.get(l);
    }

    /** Runs every layer's steps in order on {@code v}, telling {@code atLayer} each layer's index before its steps. */
    public void walk(IntConsumer atLayer, LayerStep.Visitor v) {
        for (int l = 0; l < layers.size(); l++) {
            atLayer.accept(l);
            for (LayerStep step : layers.get(l)) {
                step.accept(v);
            }
        }
    }

    /** Whether any step reads or writes {@code slot}: a backend allocates only the slots a plan uses. */
    public boolean uses(Slot slot) {
        return slots().contains(slot);
    }

    /** Every slot a step reads or writes. */
    public Set<Slot> slots() {
        Set<Slot> slots = EnumSet.noneOf(Slot.class);
        for (List<LayerStep> layer : layers) {
            layer.forEach(step -> slots.addAll(step.slots()));
        }
        return slots;
    }

    /** Every block tensor a step reads: what a backend loads for each layer. */
    public Set<BlockTensor> tensors() {
        Set<BlockTensor> tensors = EnumSet.noneOf(BlockTensor.class);
        for (List<LayerStep> layer : layers) {
            layer.forEach(step -> tensors.addAll(step.tensors()));
        }
        return tensors;
    }
}
