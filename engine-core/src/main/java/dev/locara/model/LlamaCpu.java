package dev.locara.model;

import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.TensorReader;
import dev.locara.model.LayerStep.Slot;
import java.util.Arrays;

/**
 * The forward pass of every supported architecture in plain Java, walking the steps {@link LayerPlan}
 * lists for its {@link LlamaConfig}: the reference the WebGPU kernels are tested against, and the engine of the JVM command
 * line. It follows llama.cpp's math (RMSNorm with the sum of squares accumulated in double, RoPE on
 * adjacent or NEOX pairs, softmax attention with grouped KV heads, SwiGLU or GeGLU).
 */
public final class LlamaCpu implements LanguageModel {
    private final LlamaConfig c;
    private final LayerPlan plan;
    private final int contextLength;

    // Weights; shapes as [rows][columns] of the row-major matrices.
    private final float[] tokenEmbedding; // [vocab][dim]
    private final float[] ropeFactors;    // [ropeDim/2] divisors of the RoPE frequencies, or null
    private final float[][][] block;      // [BlockTensor][layer] shaped as the BlockTensor says; null where the plan reads none
    private final float[] outputNorm;     // [dim]
    private final float[] output;         // [vocab][dim], the embedding when tied

    // Run state: the current wave of activations and the KV cache.
    private final float[] x;      // [dim] residual stream
    private final float[] xb;     // [dim] normalized input
    private final float[] xb2;    // [dim] block output
    private final float[] added;  // [dim] what a step adds into its slot
    private final float[] q;      // [qDim]
    private final float[] attOut; // [qDim] attention output, all heads
    private final float[] hb;     // [hidden]
    private final float[] hb2;    // [hidden]
    private final float[] att;    // [context]
    private final float[][] keyCache;   // [layer][context * kvDim]
    private final float[][] valueCache; // [layer][context * kvDim]
    private final Steps steps = new Steps();

    public LlamaCpu(GgufFile gguf, ByteSource source, int contextLength) {
        this.c = LlamaConfig.fromGguf(gguf);
        this.plan = LayerPlan.of(c);
        this.contextLength = Math.min(contextLength, c.contextLength());
        int n = c.layers();
        int dim = c.dim();
        tokenEmbedding = load(gguf, source, "token_embd.weight", (long) c.vocabSize() * dim);
        String factors = LlamaConfig.ropeFactorsTensor(gguf, this.contextLength);
        ropeFactors = factors == null ? null : load(gguf, source, factors, c.ropeDim() / 2);
        block = new float[BlockTensor.values().length][n][];
        for (int l = 0; l < n; l++) {
            // Where the file stores several of the plan's tensors as one (phi3), they are its row ranges.
            if (c.fusedQkv()) {
                slice(load(gguf, source, l, BlockTensor.ATTN_QKV), l, BlockTensor.ATTN_Q, BlockTensor.ATTN_K, BlockTensor.ATTN_V);
            }
            if (c.fusedGateUp()) {
                slice(load(gguf, source, l, BlockTensor.FFN_GATE_UP), l, BlockTensor.FFN_GATE, BlockTensor.FFN_UP);
            }
            for (BlockTensor t : plan.tensors()) {
                if (block[t.ordinal()][l] == null) {
                    block[t.ordinal()][l] = load(gguf, source, l, t);
                }
            }
        }
        outputNorm = load(gguf, source, "output_norm.weight", dim);
        output = c.tiedOutput() ? tokenEmbedding : load(gguf, source, "output.weight", (long) c.vocabSize() * dim);

        x = new float[dim];
        xb = new float[dim];
        xb2 = new float[dim];
        added = new float[dim];
        q = new float[c.qDim()];
        attOut = new float[c.qDim()];
        hb = new float[c.hiddenDim()];
        hb2 = new float[c.hiddenDim()];
        att = new float[this.contextLength];
        keyCache = new float[n][this.contextLength * c.kvDim()];
        valueCache = new float[n][this.contextLength * c.kvDim()];
    }

    private static float[] load(GgufFile gguf, ByteSource source, String name, long elements) {
        return TensorReader.readFloats(source, LlamaTensors.require(gguf, name, elements));
    }

    private float[] load(GgufFile gguf, ByteSource source, int layer, BlockTensor t) {
        return load(gguf, source, t.name(layer), t.elements(c));
    }

    /** Layer {@code layer}'s {@code parts}, in their order, from the rows of {@code stacked}. */
    private void slice(float[] stacked, int layer, BlockTensor... parts) {
        int from = 0;
        for (BlockTensor t : parts) {
            int to = from + (int) t.elements(c);
            block[t.ordinal()][layer] = Arrays.copyOfRange(stacked, from, to);
            from = to;
        }
    }

    @Override
    public LlamaConfig config() {
        return c;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    @Override
    public void forward(int token, int position, float[] logits) {
        if (position < 0 || position >= contextLength) {
            throw new IllegalArgumentException("Position " + position + " is outside the context of " + contextLength + " tokens.");
        }
        int dim = c.dim();
        for (int i = 0; i < dim; i++) {
            x[i] = tokenEmbedding[token * dim + i] * c.embedScale();
        }

        steps.position = position;
        plan.walk(steps::startLayer, steps);

        if (logits != null) {
            rmsNorm(xb, 0, x, 0, dim, outputNorm);
            matVec(logits, 0, output, xb, c.vocabSize(), dim);
            float cap = c.finalSoftcap();
            if (cap > 0) {
                for (int i = 0; i < c.vocabSize(); i++) {
                    logits[i] = cap * (float) Math.tanh(logits[i] / cap);
                }
            }
        }
    }

    /**
     * One layer's steps ({@link LayerPlan}) at one position. Slots map to the run state; the keys and
     * values of this position are its row of the layer's cache, and the raw q and k (before per-head
     * norms) are q and that key row themselves, normalized in place.
     */
    private final class Steps implements LayerStep.Visitor {
        int layer;
        int position;

        void startLayer(int l) {
            layer = l;
        }

        private float[] array(Slot s) {
            return switch (s) {
                case X -> x;
                case NORMED -> xb;
                case BLOCK_OUT -> xb2;
                case Q_RAW, Q -> q;
                case K_RAW, K -> keyCache[layer];
                case V -> valueCache[layer];
                case ATTN_OUT -> attOut;
                case HIDDEN -> hb;
            };
        }

        private int offset(Slot s) {
            return s == Slot.K_RAW || s == Slot.K || s == Slot.V ? position * c.kvDim() : 0;
        }

        private float[] weight(BlockTensor t) {
            return block[t.ordinal()][layer];
        }

        @Override
        public void norm(LayerStep.Norm s) {
            float[] out = s.add() ? added : array(s.to());
            int outOffset = s.add() ? 0 : offset(s.to());
            int width = s.from().width(c);
            int n = s.perHead() ? c.headDim() : width;
            for (int i = 0; i < width; i += n) {
                rmsNorm(out, outOffset + i, array(s.from()), offset(s.from()) + i, n, weight(s.weight()));
            }
            if (s.add()) {
                addTo(array(s.to()), offset(s.to()), added, width);
            }
        }

        @Override
        public void qkv(LayerStep.Qkv s) {
            float[] in = array(s.from());
            matVec(array(s.q()), offset(s.q()), weight(BlockTensor.ATTN_Q), in, c.qDim(), c.dim());
            matVec(array(s.k()), offset(s.k()), weight(BlockTensor.ATTN_K), in, c.kvDim(), c.dim());
            matVec(array(Slot.V), offset(Slot.V), weight(BlockTensor.ATTN_V), in, c.kvDim(), c.dim());
            if (s.bias()) {
                addTo(array(s.q()), offset(s.q()), weight(BlockTensor.ATTN_Q_BIAS), c.qDim());
                addTo(array(s.k()), offset(s.k()), weight(BlockTensor.ATTN_K_BIAS), c.kvDim());
                addTo(array(Slot.V), offset(Slot.V), weight(BlockTensor.ATTN_V_BIAS), c.kvDim());
            }
        }

        /** Q and K are turned in place (K in the cache already); then each head attends over the cache. */
        @Override
        public void attention(LayerStep.Attention s) {
            int kvDim = c.kvDim();
            int headDim = c.headDim();
            int group = c.heads() / c.kvHeads();
            float[] keys = keyCache[layer];
            float[] values = valueCache[layer];
            rope(q, 0, c.heads(), position, s.ropeTheta());
            rope(keys, position * kvDim, c.kvHeads(), position, s.ropeTheta());

            int first = s.window() > 0 ? Math.max(0, position - s.window() + 1) : 0;
            float cap = c.attnSoftcap();
            for (int h = 0; h < c.heads(); h++) {
                int qOff = h * headDim;
                int kvOff = (h / group) * headDim;
                float max = Float.NEGATIVE_INFINITY;
                for (int t = first; t <= position; t++) {
                    float score = 0f;
                    int kOff = t * kvDim + kvOff;
                    for (int i = 0; i < headDim; i++) {
                        score += q[qOff + i] * keys[kOff + i];
                    }
                    score *= c.attnScale();
                    att[t] = cap > 0 ? cap * (float) Math.tanh(score / cap) : score;
                    max = Math.max(max, att[t]);
                }
                float sum = 0f;
                for (int t = first; t <= position; t++) {
                    att[t] = (float) Math.exp(att[t] - max);
                    sum += att[t];
                }
                for (int i = 0; i < headDim; i++) {
                    float acc = 0f;
                    for (int t = first; t <= position; t++) {
                        acc += att[t] * values[t * kvDim + kvOff + i];
                    }
                    attOut[qOff + i] = acc / sum;
                }
            }
        }

        @Override
        public void project(LayerStep.Project s) {
            BlockTensor w = s.weight();
            int rows = w.rows(c);
            matVec(s.add() ? added : array(s.to()), s.add() ? 0 : offset(s.to()), weight(w), array(s.from()), rows, w.cols(c));
            if (s.add()) {
                addTo(array(s.to()), offset(s.to()), added, rows);
            }
        }

        /** SwiGLU, or GeGLU for Gemma. */
        @Override
        public void glu(LayerStep.Glu s) {
            float[] in = array(s.from());
            float[] out = array(s.to());
            int hidden = c.hiddenDim();
            matVec(out, 0, weight(BlockTensor.FFN_GATE), in, hidden, c.dim());
            matVec(hb2, 0, weight(BlockTensor.FFN_UP), in, hidden, c.dim());
            boolean geglu = s.activation() == LayerStep.Activation.GELU;
            for (int i = 0; i < hidden; i++) {
                out[i] = (geglu ? gelu(out[i]) : silu(out[i])) * hb2[i];
            }
        }
    }

    private static float silu(float g) {
        return g / (1f + (float) Math.exp(-g));
    }

    /** GELU, tanh approximation (ggml_gelu, and what Gemma's gelu_pytorch_tanh computes). */
    private static float gelu(float v) {
        double inner = 0.7978845608028654 * (v + 0.044715 * v * v * v); // sqrt(2/pi)
        return (float) (0.5 * v * (1 + Math.tanh(inner)));
    }

    private void rmsNorm(float[] out, int outOffset, float[] in, int inOffset, int n, float[] weight) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) in[inOffset + i] * in[inOffset + i];
        }
        float scale = (float) (1.0 / Math.sqrt(sum / n + c.normEps()));
        for (int i = 0; i < n; i++) {
            out[outOffset + i] = in[inOffset + i] * scale * weight[i];
        }
    }

    /**
     * Rotates each head's first ropeDim values by position * theta^(-2i/ropeDim) / factor[i]: adjacent
     * pairs (2i, 2i+1) for llama, pairs (i, i + ropeDim/2) in NEOX mode.
     */
    private void rope(float[] v, int offset, int headCount, int position, float theta) {
        int half = c.ropeDim() / 2;
        for (int h = 0; h < headCount; h++) {
            int base = offset + h * c.headDim();
            for (int i = 0; i < half; i++) {
                double angle = position * Math.pow(theta, -2.0 * i / c.ropeDim());
                if (ropeFactors != null) {
                    angle /= ropeFactors[i];
                }
                float cos = (float) Math.cos(angle);
                float sin = (float) Math.sin(angle);
                int p0 = c.ropeNeox() ? base + i : base + 2 * i;
                int p1 = c.ropeNeox() ? base + i + half : p0 + 1;
                float a = v[p0];
                float b = v[p1];
                v[p0] = a * cos - b * sin;
                v[p1] = a * sin + b * cos;
            }
        }
    }

    private static void addTo(float[] out, int offset, float[] add, int n) {
        for (int i = 0; i < n; i++) {
            out[offset + i] += add[i];
        }
    }

    private static void matVec(float[] out, int outOffset, float[] w, float[] in, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            float s = 0f;
            int base = r * cols;
            for (int k = 0; k < cols; k++) {
                s += w[base + k] * in[k];
            }
            out[outOffset + r] = s;
        }
    }
}
