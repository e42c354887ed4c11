package dev.locara.model;

import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.TensorReader;
import java.util.Arrays;

/**
 * The forward pass of every supported architecture in plain Java, configured by {@link LlamaConfig}'s
 * switches: the reference the WebGPU kernels are tested against, and the engine of the JVM command
 * line. It follows llama.cpp's math (RMSNorm with the sum of squares accumulated in double, RoPE on
 * adjacent or NEOX pairs, softmax attention with grouped KV heads, SwiGLU or GeGLU).
 */
public final class LlamaCpu implements LanguageModel {
    private final LlamaConfig c;
    private final int contextLength;

    // Weights; shapes as [rows][columns] of the row-major matrices. Optional ones are null when absent.
    private final float[] tokenEmbedding; // [vocab][dim]
    private final float[] ropeFactors;    // [ropeDim/2] divisors of the RoPE frequencies, or null
    private final float[][] attnNorm;     // [layer][dim]
    private final float[][] wq;           // [layer][qDim][dim]
    private final float[][] wk;           // [layer][kvDim][dim]
    private final float[][] wv;           // [layer][kvDim][dim]
    private final float[][] bq;           // [layer][qDim] (qwen2)
    private final float[][] bk;           // [layer][kvDim]
    private final float[][] bv;           // [layer][kvDim]
    private final float[][] qNorm;        // [layer][headDim] (gemma3)
    private final float[][] kNorm;        // [layer][headDim]
    private final float[][] wo;           // [layer][dim][qDim]
    private final float[][] postAttnNorm; // [layer][dim] (gemma)
    private final float[][] ffnNorm;      // [layer][dim]
    private final float[][] wGate;        // [layer][hidden][dim]
    private final float[][] wUp;          // [layer][hidden][dim]
    private final float[][] wDown;        // [layer][dim][hidden]
    private final float[][] postFfnNorm;  // [layer][dim] (gemma)
    private final float[] outputNorm;     // [dim]
    private final float[] output;         // [vocab][dim], the embedding when tied

    // Run state: the current wave of activations and the KV cache.
    private final float[] x;      // [dim] residual stream
    private final float[] xb;     // [dim] normalized input
    private final float[] xb2;    // [dim] block output
    private final float[] q;      // [qDim]
    private final float[] attOut; // [qDim] attention output, all heads
    private final float[] hb;     // [hidden]
    private final float[] hb2;    // [hidden]
    private final float[] att;    // [context]
    private final float[][] keyCache;   // [layer][context * kvDim]
    private final float[][] valueCache; // [layer][context * kvDim]

    public LlamaCpu(GgufFile gguf, ByteSource source, int contextLength) {
        this.c = LlamaConfig.fromGguf(gguf);
        this.contextLength = Math.min(contextLength, c.contextLength());
        int n = c.layers();
        int dim = c.dim();
        long qd = (long) c.qDim() * dim;
        long kd = (long) c.kvDim() * dim;
        long hd = (long) c.hiddenDim() * dim;
        tokenEmbedding = load(gguf, source, "token_embd.weight", (long) c.vocabSize() * dim);
        String factors = LlamaConfig.ropeFactorsTensor(gguf, this.contextLength);
        ropeFactors = factors == null ? null : load(gguf, source, factors, c.ropeDim() / 2);
        attnNorm = new float[n][];
        wq = new float[n][];
        wk = new float[n][];
        wv = new float[n][];
        bq = new float[n][];
        bk = new float[n][];
        bv = new float[n][];
        qNorm = new float[n][];
        kNorm = new float[n][];
        wo = new float[n][];
        postAttnNorm = new float[n][];
        ffnNorm = new float[n][];
        wGate = new float[n][];
        wUp = new float[n][];
        wDown = new float[n][];
        postFfnNorm = new float[n][];
        for (int l = 0; l < n; l++) {
            String p = "blk." + l + ".";
            attnNorm[l] = load(gguf, source, p + "attn_norm.weight", dim);
            if (c.fusedQkv()) {
                // Rows of attn_qkv: q, then k, then v.
                float[] qkv = load(gguf, source, p + "attn_qkv.weight", qd + 2 * kd);
                wq[l] = Arrays.copyOfRange(qkv, 0, (int) qd);
                wk[l] = Arrays.copyOfRange(qkv, (int) qd, (int) (qd + kd));
                wv[l] = Arrays.copyOfRange(qkv, (int) (qd + kd), qkv.length);
            } else {
                wq[l] = load(gguf, source, p + "attn_q.weight", qd);
                wk[l] = load(gguf, source, p + "attn_k.weight", kd);
                wv[l] = load(gguf, source, p + "attn_v.weight", kd);
            }
            if (c.qkvBias()) {
                bq[l] = load(gguf, source, p + "attn_q.bias", c.qDim());
                bk[l] = load(gguf, source, p + "attn_k.bias", c.kvDim());
                bv[l] = load(gguf, source, p + "attn_v.bias", c.kvDim());
            }
            if (c.qkNorm()) {
                qNorm[l] = load(gguf, source, p + "attn_q_norm.weight", c.headDim());
                kNorm[l] = load(gguf, source, p + "attn_k_norm.weight", c.headDim());
            }
            wo[l] = load(gguf, source, p + "attn_output.weight", qd);
            ffnNorm[l] = load(gguf, source, p + "ffn_norm.weight", dim);
            if (c.fusedGateUp()) {
                // ffn_up holds 2 * hidden rows: gate first, then up (llama.cpp's swiglu split).
                float[] gateUp = load(gguf, source, p + "ffn_up.weight", 2 * hd);
                wGate[l] = Arrays.copyOfRange(gateUp, 0, (int) hd);
                wUp[l] = Arrays.copyOfRange(gateUp, (int) hd, gateUp.length);
            } else {
                wGate[l] = load(gguf, source, p + "ffn_gate.weight", hd);
                wUp[l] = load(gguf, source, p + "ffn_up.weight", hd);
            }
            wDown[l] = load(gguf, source, p + "ffn_down.weight", hd);
            if (c.postNorms()) {
                postAttnNorm[l] = load(gguf, source, p + "post_attention_norm.weight", dim);
                postFfnNorm[l] = load(gguf, source, p + "post_ffw_norm.weight", dim);
            }
        }
        outputNorm = load(gguf, source, "output_norm.weight", dim);
        output = c.tiedOutput() ? tokenEmbedding : load(gguf, source, "output.weight", (long) c.vocabSize() * dim);

        x = new float[dim];
        xb = new float[dim];
        xb2 = new float[dim];
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
        int kvDim = c.kvDim();
        int headDim = c.headDim();
        int group = c.heads() / c.kvHeads();
        for (int i = 0; i < dim; i++) {
            x[i] = tokenEmbedding[token * dim + i] * c.embedScale();
        }

        for (int l = 0; l < c.layers(); l++) {
            // Attention: q, k, v from the normalized stream; k and v go straight into the cache.
            rmsNorm(xb, 0, x, 0, dim, attnNorm[l]);
            int cacheRow = position * kvDim;
            matVec(q, 0, wq[l], xb, c.qDim(), dim);
            matVec(keyCache[l], cacheRow, wk[l], xb, kvDim, dim);
            matVec(valueCache[l], cacheRow, wv[l], xb, kvDim, dim);
            if (c.qkvBias()) {
                addTo(q, 0, bq[l]);
                addTo(keyCache[l], cacheRow, bk[l]);
                addTo(valueCache[l], cacheRow, bv[l]);
            }
            if (c.qkNorm()) {
                for (int h = 0; h < c.heads(); h++) {
                    rmsNorm(q, h * headDim, q, h * headDim, headDim, qNorm[l]);
                }
                for (int h = 0; h < c.kvHeads(); h++) {
                    rmsNorm(keyCache[l], cacheRow + h * headDim, keyCache[l], cacheRow + h * headDim, headDim, kNorm[l]);
                }
            }
            rope(q, 0, c.heads(), position, c.ropeTheta(l));
            rope(keyCache[l], cacheRow, c.kvHeads(), position, c.ropeTheta(l));

            int first = c.isLocal(l) ? Math.max(0, position - c.slidingWindow() + 1) : 0;
            float cap = c.attnSoftcap();
            for (int h = 0; h < c.heads(); h++) {
                int qOff = h * headDim;
                int kvOff = (h / group) * headDim;
                float max = Float.NEGATIVE_INFINITY;
                for (int t = first; t <= position; t++) {
                    float s = 0f;
                    int kOff = t * kvDim + kvOff;
                    for (int i = 0; i < headDim; i++) {
                        s += q[qOff + i] * keyCache[l][kOff + i];
                    }
                    s *= c.attnScale();
                    att[t] = cap > 0 ? cap * (float) Math.tanh(s / cap) : s;
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
                        acc += att[t] * valueCache[l][t * kvDim + kvOff + i];
                    }
                    attOut[qOff + i] = acc / sum;
                }
            }
            matVec(xb2, 0, wo[l], attOut, dim, c.qDim());
            if (c.postNorms()) {
                rmsNorm(xb2, 0, xb2, 0, dim, postAttnNorm[l]);
            }
            addTo(x, 0, xb2);

            // Feed-forward: SwiGLU, or GeGLU for Gemma.
            rmsNorm(xb, 0, x, 0, dim, ffnNorm[l]);
            matVec(hb, 0, wGate[l], xb, c.hiddenDim(), dim);
            matVec(hb2, 0, wUp[l], xb, c.hiddenDim(), dim);
            for (int i = 0; i < c.hiddenDim(); i++) {
                hb[i] = (c.geluFfn() ? gelu(hb[i]) : silu(hb[i])) * hb2[i];
            }
            matVec(xb2, 0, wDown[l], hb, dim, c.hiddenDim());
            if (c.postNorms()) {
                rmsNorm(xb2, 0, xb2, 0, dim, postFfnNorm[l]);
            }
            addTo(x, 0, xb2);
        }

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

    private static void addTo(float[] out, int offset, float[] add) {
        for (int i = 0; i < add.length; i++) {
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
