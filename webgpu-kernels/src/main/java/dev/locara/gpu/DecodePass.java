package dev.locara.gpu;

import dev.locara.model.BlockTensor;
import dev.locara.model.LayerPlan;
import dev.locara.model.LayerStep;
import dev.locara.model.LayerStep.Slot;
import dev.locara.model.LlamaConfig;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.webgpu.GPUBuffer;

/**
 * The per-token forward pass of {@link GpuLlama}: the layer plan's steps as kernel dispatches,
 * each prepared once with its bind group, for one command buffer per token. Projections that
 * read the same input run as one dispatch where their weights share a buffer ({@link GpuWeights}),
 * RoPE runs inside attention.wgsl, and where the matvec shape takes the norm of its input
 * ({@link MatVecKernel#fusesNorm}, GPUs) a norm before projections is no dispatch of its own.
 */
final class DecodePass implements LayerStep.Visitor {
    private final WebGpu gpu;
    private final LlamaConfig c;
    private final LayerPlan plan;
    private final int context;
    private final MatVecKernel matVec;
    private final boolean fused;
    /** One token's activations by slot: each slot the plan uses but V (the cache row itself) and, where fused, NORMED. */
    private final GPUBuffer[] slots = new GPUBuffer[Slot.values().length];
    private final GPUBuffer up;     // [hidden] where gate and up are separate dispatches
    private final GPUBuffer scores; // [heads][context]

    final List<Dispatch> layers = new ArrayList<>(); // embedding lookup, then every layer
    final List<Dispatch> head = new ArrayList<>();   // the output norm and the logits

    // While binding: the kernels, the layer's weights and caches, and the norm a fused slot stands for.
    private GPUBuffer token;
    private GpuWeights weights;
    private RmsNormKernel rmsNorm;
    private RmsNormBatchKernel rows;
    private AttentionKernel attention;
    private SwiGluKernel swiGlu;
    private LayerWeights w;
    private GPUBuffer keyCache;
    private GPUBuffer valueCache;
    private final Input[] normedInputs = new Input[Slot.values().length];

    /** A projection's input: a buffer, and the RMSNorm the matvec applies to it first (or null). */
    private record Input(GPUBuffer buffer, MatVecKernel.InputNorm norm) {
    }

    /** Allocates the activations; {@link #bind} records the dispatches once the kernels compiled. */
    DecodePass(WebGpu gpu, LlamaConfig c, LayerPlan plan, int context, MatVecKernel matVec) {
        this.gpu = gpu;
        this.c = c;
        this.plan = plan;
        this.context = context;
        this.matVec = matVec;
        this.fused = matVec.fusesNorm();
        for (Slot s : plan.slots()) {
            if (s != Slot.V && !(s == Slot.NORMED && fused)) {
                slots[s.ordinal()] = gpu.storage(4L * s.width(c), s.name().toLowerCase());
            }
        }
        up = gpu.storage(4L * c.hiddenDim(), "ffn up");
        scores = gpu.storage(4L * c.heads() * context, "attention scores");
    }

    /** Records every kernel of the pass with its bind group (pipelines awaited as they are needed). */
    void bind(GpuWeights weights, GPUBuffer token, List<GPUBuffer> keyCaches, List<GPUBuffer> valueCaches, GPUBuffer logits) {
        this.weights = weights;
        this.token = token;
        rmsNorm = fused ? null : new RmsNormKernel(gpu);
        rows = new RmsNormBatchKernel(gpu); // per-head and post-norms (rmsnorm_batch.wgsl)
        attention = new AttentionKernel(gpu, c);
        swiGlu = new SwiGluKernel(gpu);
        GPUBuffer x = buffer(Slot.X);
        layers.addAll(new EmbedKernel(gpu).bind(weights.tokenEmbedding, token, x, c.embedScale()));
        plan.walk(l -> {
            w = weights.layers.get(l);
            keyCache = keyCaches.get(l);
            valueCache = valueCaches.get(l);
        }, this);
        normalize(head, Slot.X, Slot.NORMED, weights.outputNorm);
        Input in = input(Slot.NORMED);
        head.addAll(matVec.bind(weights.output, in.buffer(), logits, token, false, 0, null, c.finalSoftcap(), in.norm()));
    }

    /** The buffer of {@code s}; V is this layer's value cache, written at the token's row. */
    private GPUBuffer buffer(Slot s) {
        GPUBuffer b = s == Slot.V ? valueCache : slots[s.ordinal()];
        if (b == null) {
            throw new IllegalStateException("The decode pass has no buffer for " + s + " (a norm fused into a matvec?).");
        }
        return b;
    }

    /** What a projection reads for {@code s}: the slot, or the slot its fused norm normalizes. */
    private Input input(Slot s) {
        Input normed = normedInputs[s.ordinal()];
        return normed != null ? normed : new Input(buffer(s), null);
    }

    @Override
    public void norm(LayerStep.Norm s) {
        GPUBuffer weight = w.vector(s.weight());
        float eps = c.normEps();
        if (s.perHead()) { // one workgroup per head
            Dispatch d = rows.bind(token, buffer(s.from()), weight, buffer(s.to()), c.headDim(), eps, false, 0, false);
            layers.add(new Dispatch(d.pipeline(), d.bindGroup(), s.from().width(c) / c.headDim()));
        } else if (s.add()) {
            layers.add(rows.bind(token, buffer(s.from()), weight, buffer(s.to()), s.from().width(c), eps, false, 0, true));
        } else {
            normalize(layers, s.from(), s.to(), weight);
        }
    }

    /**
     * to = rmsnorm(from) * weight: a dispatch, or where the matvec shape fuses norms, nothing here and
     * the projections that read {@code to} normalize {@code from} themselves.
     */
    private void normalize(List<Dispatch> into, Slot from, Slot to, GPUBuffer weight) {
        if (fused) {
            normedInputs[to.ordinal()] = new Input(buffer(from), new MatVecKernel.InputNorm(weight, c.normEps()));
        } else {
            into.add(rmsNorm.bind(buffer(from), weight, buffer(to), from.width(c), c.normEps()));
        }
    }

    /** K waits in its own buffer for the attention, which turns it (RoPE) into the cache; V goes straight into its row. */
    @Override
    public void qkv(LayerStep.Qkv s) {
        Input in = input(s.from());
        int kvDim = c.kvDim();
        GPUBuffer[] biases = s.bias() ? w.qkvBiases() : null;
        boolean vFused = w.qkvHasV();
        if (w.qkv != null) { // q, k (and v) in one dispatch
            layers.add(matVec.bindQkv(w.qkv, c.qDim(), kvDim, in.buffer(), buffer(s.q()), buffer(s.k()), 0,
                    vFused ? valueCache : null, kvDim, token, biases, in.norm()));
        } else {
            layers.addAll(matVec.bind(w.matrix(BlockTensor.ATTN_Q), in.buffer(), buffer(s.q()), token, false, 0,
                    s.bias() ? biases[0] : null, 0f, in.norm()));
            layers.addAll(matVec.bind(w.matrix(BlockTensor.ATTN_K), in.buffer(), buffer(s.k()), token, false, 0,
                    s.bias() ? biases[1] : null, 0f, in.norm()));
        }
        if (!vFused) {
            layers.addAll(matVec.bind(w.matrix(BlockTensor.ATTN_V), in.buffer(), valueCache, token, false, kvDim,
                    s.bias() ? biases[2] : null, 0f, in.norm()));
        }
    }

    @Override
    public void attention(LayerStep.Attention s) {
        layers.add(attention.bind(c, context, buffer(Slot.Q), buffer(Slot.K), keyCache, valueCache, scores, buffer(Slot.ATTN_OUT),
                token, s.window(), s.ropeTheta(), weights.ropeFactors));
    }

    @Override
    public void project(LayerStep.Project s) {
        Input in = input(s.from());
        layers.addAll(matVec.bind(w.matrix(s.weight()), in.buffer(), buffer(s.to()), token, s.add(), 0, null, 0f, in.norm()));
    }

    @Override
    public void glu(LayerStep.Glu s) {
        Input in = input(s.from());
        boolean gelu = s.activation() == LayerStep.Activation.GELU;
        if (w.gateUp != null) { // gate, up and the activation in one dispatch
            layers.add(matVec.bindGlu(w.gateUp, in.buffer(), buffer(s.to()), token, gelu, in.norm()));
        } else {
            layers.addAll(matVec.bind(w.matrix(BlockTensor.FFN_GATE), in.buffer(), buffer(s.to()), token, false, 0, null, 0f, in.norm()));
            layers.addAll(matVec.bind(w.matrix(BlockTensor.FFN_UP), in.buffer(), up, token, false, 0, null, 0f, in.norm()));
            layers.add(swiGlu.bind(buffer(s.to()), up, c.hiddenDim(), gelu));
        }
    }
}
