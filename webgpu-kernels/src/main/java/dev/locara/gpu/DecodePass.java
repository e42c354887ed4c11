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
    private final GPUBuffer ffnUp;  // [hidden] where gate and up are separate dispatches
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
    private record Input(GPUBuffer buffer, Projection.InputNorm norm) {
        Projection of(GpuTensor w, GPUBuffer y) {
            return Projection.of(w, buffer, y).normalized(norm);
        }
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
                slots[s.ordinal()] = gpu.buffers().storage(4L * s.width(c), s.name().toLowerCase());
            }
        }
        ffnUp = gpu.buffers().storage(4L * c.hiddenDim(), "ffn up");
        scores = gpu.buffers().storage(4L * c.heads() * context, "attention scores");
    }

    /** Records every kernel of the pass with its bind group (pipelines awaited as they are needed). */
    void bind(GpuWeights weights, GPUBuffer token, List<GPUBuffer> keyCaches, List<GPUBuffer> valueCaches, GPUBuffer logits) {
        this.weights = weights;
        this.token = token;
        rmsNorm = fused ? null : new RmsNormKernel(gpu, c.normEps());
        rows = new RmsNormBatchKernel(gpu, c.normEps()); // per-head and post-norms (rmsnorm_batch.wgsl)
        attention = new AttentionKernel(gpu, c, context);
        swiGlu = new SwiGluKernel(gpu);
        GPUBuffer x = buffer(Slot.X);
        layers.addAll(new EmbedKernel(gpu).bind(weights.tokenEmbedding, token, x, c.embedScale()));
        plan.walk(l -> {
            w = weights.layers.get(l);
            keyCache = keyCaches.get(l);
            valueCache = valueCaches.get(l);
        }, this);
        normalize(head, Slot.X, Slot.NORMED, weights.outputNorm);
        head.addAll(matVec.bind(input(Slot.NORMED).of(weights.output, logits).softcap(c.finalSoftcap()), token));
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
        if (s.perHead()) { // one workgroup per head
            Dispatch d = rows.bind(RmsNormBatchKernel.Rows.EACH, token, buffer(s.from()), weight, buffer(s.to()), c.headDim());
            layers.add(new Dispatch(d.pipeline(), d.bindGroup(), s.from().width(c) / c.headDim()));
        } else if (s.add()) {
            layers.add(rows.bind(RmsNormBatchKernel.Rows.EACH_ADDED, token, buffer(s.from()), weight, buffer(s.to()),
                    s.from().width(c)));
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
            normedInputs[to.ordinal()] = new Input(buffer(from), new Projection.InputNorm(weight, c.normEps()));
        } else {
            into.add(rmsNorm.bind(buffer(from), weight, buffer(to), from.width(c)));
        }
    }

    /** K waits in its own buffer for the attention, which turns it (RoPE) into the cache; V goes straight into its row. */
    @Override
    public void qkv(LayerStep.Qkv s) {
        Input in = input(s.from());
        Projection q = in.of(w.matrix(BlockTensor.ATTN_Q), buffer(s.q())).bias(s.bias() ? w.vector(BlockTensor.ATTN_Q_BIAS) : null);
        Projection k = in.of(w.matrix(BlockTensor.ATTN_K), buffer(s.k())).bias(s.bias() ? w.vector(BlockTensor.ATTN_K_BIAS) : null);
        Projection v = in.of(w.matrix(BlockTensor.ATTN_V), valueCache).atTokenRow(c.kvDim())
                .bias(s.bias() ? w.vector(BlockTensor.ATTN_V_BIAS) : null);
        if (w.qkvStacked()) { // q, k (and v) in one dispatch
            layers.add(matVec.bindQkv(q, k, w.qkvHasV() ? v : null, token));
        } else {
            layers.addAll(matVec.bind(q, token));
            layers.addAll(matVec.bind(k, token));
        }
        if (!w.qkvHasV()) {
            layers.addAll(matVec.bind(v, token));
        }
    }

    @Override
    public void attention(LayerStep.Attention s) {
        layers.add(attention.bind(s, token, new AttentionKernel.Buffers(buffer(Slot.Q), keyCache, valueCache, scores,
                buffer(Slot.ATTN_OUT), buffer(Slot.K), weights.ropeFactors)));
    }

    @Override
    public void project(LayerStep.Project s) {
        layers.addAll(matVec.bind(input(s.from()).of(w.matrix(s.weight()), buffer(s.to())).accumulate(s.add()), token));
    }

    @Override
    public void glu(LayerStep.Glu s) {
        Input in = input(s.from());
        Projection gate = in.of(w.matrix(BlockTensor.FFN_GATE), buffer(s.to()));
        Projection up = in.of(w.matrix(BlockTensor.FFN_UP), ffnUp);
        if (w.gateUpStacked()) { // gate, up and the activation in one dispatch
            layers.add(matVec.bindGlu(gate, up, s.activation(), token));
        } else {
            layers.addAll(matVec.bind(gate, token));
            layers.addAll(matVec.bind(up, token));
            layers.add(swiGlu.bind(gate.y(), up.y(), c.hiddenDim(), s.activation()));
        }
    }
}
