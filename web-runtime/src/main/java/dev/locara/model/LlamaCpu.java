package dev.locara.model;

import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.TensorReader;

/**
 * The llama forward pass in plain Java: the reference the WebGPU kernels are tested against, and
 * the engine of the JVM command line. It follows llama.cpp's math (RMSNorm with the sum of squares
 * accumulated in double, RoPE on adjacent pairs, softmax attention with grouped KV heads, SwiGLU).
 */
public final class LlamaCpu implements LanguageModel {
    private final LlamaConfig c;
    private final int contextLength;

    // Weights; shapes as [rows][columns] of the row-major matrices.
    private final float[] tokenEmbedding; // [vocab][dim]
    private final float[][] attnNorm;     // [layer][dim]
    private final float[][] wq;           // [layer][dim][dim]
    private final float[][] wk;           // [layer][kvDim][dim]
    private final float[][] wv;           // [layer][kvDim][dim]
    private final float[][] wo;           // [layer][dim][dim]
    private final float[][] ffnNorm;      // [layer][dim]
    private final float[][] wGate;        // [layer][hidden][dim]
    private final float[][] wUp;          // [layer][hidden][dim]
    private final float[][] wDown;        // [layer][dim][hidden]
    private final float[] outputNorm;     // [dim]
    private final float[] output;         // [vocab][dim], the embedding when tied

    // Run state: the current wave of activations and the KV cache.
    private final float[] x;      // [dim] residual stream
    private final float[] xb;     // [dim] normalized input / attention output
    private final float[] xb2;    // [dim]
    private final float[] q;      // [dim]
    private final float[] hb;     // [hidden]
    private final float[] hb2;    // [hidden]
    private final float[] att;    // [context]
    private final float[][] keyCache;   // [layer][context * kvDim]
    private final float[][] valueCache; // [layer][context * kvDim]

    public LlamaCpu(GgufFile gguf, ByteSource source, int contextLength) {
        this.c = LlamaConfig.fromGguf(gguf);
        this.contextLength = Math.min(contextLength, c.contextLength());
        int n = c.layers();
        tokenEmbedding = load(gguf, source, "token_embd.weight", (long) c.vocabSize() * c.dim());
        attnNorm = new float[n][];
        wq = new float[n][];
        wk = new float[n][];
        wv = new float[n][];
        wo = new float[n][];
        ffnNorm = new float[n][];
        wGate = new float[n][];
        wUp = new float[n][];
        wDown = new float[n][];
        long dd = (long) c.dim() * c.dim();
        long kd = (long) c.kvDim() * c.dim();
        long hd = (long) c.hiddenDim() * c.dim();
        for (int l = 0; l < n; l++) {
            String p = "blk." + l + ".";
            attnNorm[l] = load(gguf, source, p + "attn_norm.weight", c.dim());
            wq[l] = load(gguf, source, p + "attn_q.weight", dd);
            wk[l] = load(gguf, source, p + "attn_k.weight", kd);
            wv[l] = load(gguf, source, p + "attn_v.weight", kd);
            wo[l] = load(gguf, source, p + "attn_output.weight", dd);
            ffnNorm[l] = load(gguf, source, p + "ffn_norm.weight", c.dim());
            wGate[l] = load(gguf, source, p + "ffn_gate.weight", hd);
            wUp[l] = load(gguf, source, p + "ffn_up.weight", hd);
            wDown[l] = load(gguf, source, p + "ffn_down.weight", hd);
        }
        outputNorm = load(gguf, source, "output_norm.weight", c.dim());
        output = c.tiedOutput() ? tokenEmbedding : load(gguf, source, "output.weight", (long) c.vocabSize() * c.dim());

        x = new float[c.dim()];
        xb = new float[c.dim()];
        xb2 = new float[c.dim()];
        q = new float[c.dim()];
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
        System.arraycopy(tokenEmbedding, token * dim, x, 0, dim);

        for (int l = 0; l < c.layers(); l++) {
            // Attention: q, k, v from the normalized stream; k and v go straight into the cache.
            rmsNorm(xb, x, attnNorm[l]);
            matVec(q, wq[l], xb, dim, dim);
            int cacheRow = position * kvDim;
            matVec(keyCache[l], cacheRow, wk[l], xb, kvDim, dim);
            matVec(valueCache[l], cacheRow, wv[l], xb, kvDim, dim);
            rope(q, 0, c.heads(), position);
            rope(keyCache[l], cacheRow, c.kvHeads(), position);

            float scale = (float) (1.0 / Math.sqrt(headDim));
            for (int h = 0; h < c.heads(); h++) {
                int qOff = h * headDim;
                int kvOff = (h / group) * headDim;
                float max = Float.NEGATIVE_INFINITY;
                for (int t = 0; t <= position; t++) {
                    float s = 0f;
                    int kOff = t * kvDim + kvOff;
                    for (int i = 0; i < headDim; i++) {
                        s += q[qOff + i] * keyCache[l][kOff + i];
                    }
                    att[t] = s * scale;
                    max = Math.max(max, att[t]);
                }
                float sum = 0f;
                for (int t = 0; t <= position; t++) {
                    att[t] = (float) Math.exp(att[t] - max);
                    sum += att[t];
                }
                for (int i = 0; i < headDim; i++) {
                    float acc = 0f;
                    for (int t = 0; t <= position; t++) {
                        acc += att[t] * valueCache[l][t * kvDim + kvOff + i];
                    }
                    xb[qOff + i] = acc / sum;
                }
            }
            matVec(xb2, wo[l], xb, dim, dim);
            for (int i = 0; i < dim; i++) {
                x[i] += xb2[i];
            }

            // Feed-forward: SwiGLU.
            rmsNorm(xb, x, ffnNorm[l]);
            matVec(hb, wGate[l], xb, c.hiddenDim(), dim);
            matVec(hb2, wUp[l], xb, c.hiddenDim(), dim);
            for (int i = 0; i < c.hiddenDim(); i++) {
                float g = hb[i];
                hb[i] = g / (1f + (float) Math.exp(-g)) * hb2[i];
            }
            matVec(xb2, wDown[l], hb, dim, c.hiddenDim());
            for (int i = 0; i < dim; i++) {
                x[i] += xb2[i];
            }
        }

        if (logits != null) {
            rmsNorm(xb, x, outputNorm);
            matVec(logits, output, xb, c.vocabSize(), dim);
        }
    }

    private void rmsNorm(float[] out, float[] in, float[] weight) {
        double sum = 0;
        for (float v : in) {
            sum += (double) v * v;
        }
        float scale = (float) (1.0 / Math.sqrt(sum / in.length + c.normEps()));
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i] * scale * weight[i];
        }
    }

    /** Rotates adjacent pairs (x[2i], x[2i+1]) of each head by position * theta^(-2i/ropeDim). */
    private void rope(float[] v, int offset, int headCount, int position) {
        int headDim = c.headDim();
        for (int h = 0; h < headCount; h++) {
            for (int i = 0; i < c.ropeDim(); i += 2) {
                double freq = Math.pow(c.ropeTheta(), -(double) i / c.ropeDim());
                double angle = position * freq;
                float cos = (float) Math.cos(angle);
                float sin = (float) Math.sin(angle);
                int p = offset + h * headDim + i;
                float a = v[p];
                float b = v[p + 1];
                v[p] = a * cos - b * sin;
                v[p + 1] = a * sin + b * cos;
            }
        }
    }

    private static void matVec(float[] out, float[] w, float[] in, int rows, int cols) {
        matVec(out, 0, w, in, rows, cols);
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
