package dev.locara.embed;

import dev.locara.gguf.ByteSource;
import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.gguf.TensorReader;
import dev.locara.quant.QuantFormats;
import java.util.Arrays;

/**
 * The forward pass of the BERT-family encoders in plain Java, configured by {@link EncoderConfig}'s
 * switches: the reference the WebGPU kernels are tested against, and the engine of the JVM command line.
 * It follows the math of ONNX Runtime's BERT exports and of llama.cpp's build_bert: embeddings (token +
 * token type + learned position, or rotary on q and k), post-LayerNorm blocks (sums in double, as ggml
 * does), bidirectional softmax attention, GELU in its erf form (as the ONNX graphs compute it) or SwiGLU,
 * then pooling and L2 normalization.
 *
 * <p>A batch is packed: the sequences' tokens lie one after another with no padding, and each token
 * attends to the tokens of its own sequence only, which is what a padded batch with a mask computes.
 * Weights are dequantized to floats once, at load; the object holds no run state, so calls may overlap.
 */
public final class EncoderCpu implements EmbeddingModel {
    private final EncoderConfig c;

    // Weights, as row-major [rows][columns]; biases and norms [rows]. Optional ones are null when absent.
    private final float[] tokenEmbedding; // [vocab][dim]
    private final float[] typeEmbedding;  // [tokenTypes][dim], or null
    private final float[] posEmbedding;   // [context][dim] (bert), null with rotary positions
    private final float[] embNormW, embNormB; // [dim]
    private final float[][] wq, wk, wv;   // [layer][dim][dim], split from attn_qkv when fused
    private final float[][] bq, bk, bv;   // [layer][dim]
    private final float[][] wo, bo;       // [layer][dim][dim], [layer][dim]
    private final float[][] attnNormW, attnNormB; // [layer][dim] attn_output_norm
    private final float[][] wUp, bUp;     // [layer][ffn][dim], [layer][ffn]
    private final float[][] wGate;        // [layer][ffn][dim] (swiglu)
    private final float[][] wDown, bDown; // [layer][dim][ffn], [layer][dim]
    private final float[][] outNormW, outNormB; // [layer][dim] layer_output_norm

    public EncoderCpu(GgufFile gguf, ByteSource source) {
        this.c = EncoderConfig.fromGguf(gguf);
        int d = c.dim();
        int n = c.layers();
        long dd = (long) d * d;
        long df = (long) d * c.ffn();
        tokenEmbedding = load(gguf, source, "token_embd.weight", (long) c.vocabSize() * d, true);
        typeEmbedding = c.tokenTypes() == 0 ? null : load(gguf, source, "token_types.weight", (long) c.tokenTypes() * d, true);
        posEmbedding = c.rotary() ? null : load(gguf, source, "position_embd.weight", (long) c.contextLength() * d, true);
        embNormW = load(gguf, source, "token_embd_norm.weight", d, true);
        embNormB = load(gguf, source, "token_embd_norm.bias", d, true);
        wq = new float[n][]; wk = new float[n][]; wv = new float[n][];
        bq = new float[n][]; bk = new float[n][]; bv = new float[n][];
        wo = new float[n][]; bo = new float[n][];
        attnNormW = new float[n][]; attnNormB = new float[n][];
        wUp = new float[n][]; bUp = new float[n][]; wGate = new float[n][];
        wDown = new float[n][]; bDown = new float[n][];
        outNormW = new float[n][]; outNormB = new float[n][];
        for (int l = 0; l < n; l++) {
            String p = "blk." + l + ".";
            if (c.fusedQkv()) {
                // Rows of attn_qkv: q, then k, then v (llama.cpp's views at offsets 0, dim, 2 dim).
                float[] qkv = load(gguf, source, p + "attn_qkv.weight", 3 * dd, true);
                wq[l] = Arrays.copyOfRange(qkv, 0, (int) dd);
                wk[l] = Arrays.copyOfRange(qkv, (int) dd, (int) (2 * dd));
                wv[l] = Arrays.copyOfRange(qkv, (int) (2 * dd), qkv.length);
                float[] b = load(gguf, source, p + "attn_qkv.bias", 3L * d, false);
                if (b != null) {
                    bq[l] = Arrays.copyOfRange(b, 0, d);
                    bk[l] = Arrays.copyOfRange(b, d, 2 * d);
                    bv[l] = Arrays.copyOfRange(b, 2 * d, 3 * d);
                }
            } else {
                wq[l] = load(gguf, source, p + "attn_q.weight", dd, true);
                wk[l] = load(gguf, source, p + "attn_k.weight", dd, true);
                wv[l] = load(gguf, source, p + "attn_v.weight", dd, true);
                bq[l] = load(gguf, source, p + "attn_q.bias", d, false);
                bk[l] = load(gguf, source, p + "attn_k.bias", d, false);
                bv[l] = load(gguf, source, p + "attn_v.bias", d, false);
            }
            wo[l] = load(gguf, source, p + "attn_output.weight", dd, true);
            bo[l] = load(gguf, source, p + "attn_output.bias", d, false);
            attnNormW[l] = load(gguf, source, p + "attn_output_norm.weight", d, true);
            attnNormB[l] = load(gguf, source, p + "attn_output_norm.bias", d, true);
            wUp[l] = load(gguf, source, p + "ffn_up.weight", df, true);
            bUp[l] = load(gguf, source, p + "ffn_up.bias", c.ffn(), false);
            if (c.swiglu()) {
                wGate[l] = load(gguf, source, p + "ffn_gate.weight", df, true);
            }
            wDown[l] = load(gguf, source, p + "ffn_down.weight", df, true);
            bDown[l] = load(gguf, source, p + "ffn_down.bias", d, false);
            outNormW[l] = load(gguf, source, p + "layer_output_norm.weight", d, true);
            outNormB[l] = load(gguf, source, p + "layer_output_norm.bias", d, true);
        }
    }

    private static float[] load(GgufFile gguf, ByteSource source, String name, long elements, boolean required) {
        GgufTensorInfo t = gguf.tensor(name);
        if (t == null) {
            if (required) {
                throw new GgufException(GgufException.Kind.MISSING, "This GGUF lacks the tensor '" + name
                        + "' that a " + gguf.string("general.architecture", "bert") + " model needs.");
            }
            return null;
        }
        if (!QuantFormats.supports(t.type())) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + name + "' has type " + t.type()
                    + ", which this version of Locara cannot decode; supported: " + QuantFormats.supportedList() + ".");
        }
        if (t.elements() != elements) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Tensor '" + name + "' has shape " + t.shapeString()
                    + " (" + t.elements() + " values) where the metadata implies " + elements + ".");
        }
        return TensorReader.readFloats(source, t);
    }

    @Override
    public EncoderConfig config() {
        return c;
    }

    @Override
    public float[][] embed(int[][] sequences) {
        return embed(sequences, null);
    }

    /** As {@link #embed(int[][])}, with each token's type (BERT's segment A = 0, B = 1); null: all 0. */
    public float[][] embed(int[][] sequences, int[][] tokenTypes) {
        int d = c.dim();
        int[] start = new int[sequences.length + 1];
        for (int s = 0; s < sequences.length; s++) {
            int len = sequences[s].length;
            if (len < 1 || len > c.contextLength()) {
                throw new IllegalArgumentException("Sequence " + s + " has " + len + " tokens; the model takes 1 to "
                        + c.contextLength() + ".");
            }
            start[s + 1] = start[s] + len;
        }
        int total = start[sequences.length];
        int[] position = new int[total]; // [token] position within its sequence

        // 1. Embeddings: token + token type + learned position, then LayerNorm.
        float[] x = new float[total * d]; // [token][dim] residual stream
        for (int s = 0; s < sequences.length; s++) {
            for (int p = 0; p < sequences[s].length; p++) {
                int row = start[s] + p;
                position[row] = p;
                int id = sequences[s][p];
                if (id < 0 || id >= c.vocabSize()) {
                    throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary of " + c.vocabSize() + ".");
                }
                System.arraycopy(tokenEmbedding, id * d, x, row * d, d);
                if (typeEmbedding != null) {
                    int type = tokenTypes == null ? 0 : tokenTypes[s][p];
                    add(x, row * d, typeEmbedding, type * d, d);
                }
                if (posEmbedding != null) {
                    add(x, row * d, posEmbedding, p * d, d);
                }
            }
        }
        layerNorm(x, total, d, embNormW, embNormB, c.normEps());

        // 2. Blocks: attention, add, norm; feed-forward, add, norm.
        for (int l = 0; l < c.layers(); l++) {
            float[] q = matmul(x, total, d, wq[l], bq[l], d);
            float[] k = matmul(x, total, d, wk[l], bk[l], d);
            float[] v = matmul(x, total, d, wv[l], bv[l], d);
            if (c.rotary()) {
                ropeNeox(q, total, position, c.heads(), c.headDim(), c.ropeTheta());
                ropeNeox(k, total, position, c.heads(), c.headDim(), c.ropeTheta());
            }
            float[] att = attention(q, k, v, start, c.heads(), c.headDim());
            float[] o = matmul(att, total, d, wo[l], bo[l], d);
            add(x, 0, o, 0, x.length);
            layerNorm(x, total, d, attnNormW[l], attnNormB[l], c.normEps());

            float[] h = matmul(x, total, d, wUp[l], bUp[l], c.ffn()); // [token][ffn]
            if (c.swiglu()) {
                float[] g = matmul(x, total, d, wGate[l], null, c.ffn());
                for (int i = 0; i < h.length; i++) {
                    h[i] = silu(g[i]) * h[i];
                }
            } else {
                for (int i = 0; i < h.length; i++) {
                    h[i] = gelu(h[i]);
                }
            }
            float[] down = matmul(h, total, c.ffn(), wDown[l], bDown[l], d);
            add(x, 0, down, 0, x.length);
            layerNorm(x, total, d, outNormW[l], outNormB[l], c.normEps());
        }

        // 3. Pooling and L2 normalization.
        float[][] out = new float[sequences.length][];
        for (int s = 0; s < sequences.length; s++) {
            out[s] = Vectors.normalize(pool(x, start[s], start[s + 1] - start[s], d, c.pooling()));
        }
        return out;
    }

    static float[] pool(float[] x, int first, int count, int d, Pooling pooling) {
        switch (pooling) {
            case CLS:
                return Arrays.copyOfRange(x, first * d, first * d + d);
            case LAST:
                return Arrays.copyOfRange(x, (first + count - 1) * d, (first + count) * d);
            case MEAN:
                double[] sum = new double[d];
                for (int t = first; t < first + count; t++) {
                    for (int i = 0; i < d; i++) {
                        sum[i] += x[t * d + i];
                    }
                }
                float[] mean = new float[d];
                for (int i = 0; i < d; i++) {
                    mean[i] = (float) (sum[i] / count);
                }
                return mean;
            default:
                throw new IllegalStateException("Pooling " + pooling + " makes no single vector.");
        }
    }

    private static void add(float[] dst, int dstOff, float[] src, int srcOff, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOff + i] += src[srcOff + i];
        }
    }

    /** LayerNorm of each of {@code rows} rows of x in place; mean and variance summed in double, as ggml_norm does. */
    static void layerNorm(float[] x, int rows, int d, float[] w, float[] b, float eps) {
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            double sum = 0;
            for (int i = 0; i < d; i++) {
                sum += x[o + i];
            }
            float mean = (float) (sum / d);
            double var = 0;
            for (int i = 0; i < d; i++) {
                float c = x[o + i] - mean;
                x[o + i] = c;
                var += (double) c * c;
            }
            float scale = (float) (1.0 / Math.sqrt(var / d + eps));
            for (int i = 0; i < d; i++) {
                x[o + i] = x[o + i] * scale * w[i] + b[i];
            }
        }
    }

    /**
     * y[t][o] = W[o] . x[t] + bias[o] for {@code rows} rows of width {@code in}: the hot spot. Four tokens
     * share each pass over a weight row, so the row is read once per four dot products.
     */
    static float[] matmul(float[] x, int rows, int in, float[] w, float[] bias, int out) {
        float[] y = new float[rows * out];
        for (int o = 0; o < out; o++) {
            int wo = o * in;
            float b = bias == null ? 0f : bias[o];
            int t = 0;
            for (; t + 4 <= rows; t += 4) {
                int x0 = t * in, x1 = x0 + in, x2 = x1 + in, x3 = x2 + in;
                float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                for (int i = 0; i < in; i++) {
                    float wi = w[wo + i];
                    a0 += wi * x[x0 + i];
                    a1 += wi * x[x1 + i];
                    a2 += wi * x[x2 + i];
                    a3 += wi * x[x3 + i];
                }
                y[t * out + o] = a0 + b;
                y[(t + 1) * out + o] = a1 + b;
                y[(t + 2) * out + o] = a2 + b;
                y[(t + 3) * out + o] = a3 + b;
            }
            for (; t < rows; t++) {
                int xo = t * in;
                float a = 0;
                for (int i = 0; i < in; i++) {
                    a += w[wo + i] * x[xo + i];
                }
                y[t * out + o] = a + b;
            }
        }
        return y;
    }

    /**
     * Rotary positions on NEOX pairs (i, i + headDim/2), with ggml's float recurrence for the angles
     * (theta multiplied by base^(-2/headDim) from one pair to the next) so positions far out agree with llama.cpp.
     */
    static void ropeNeox(float[] x, int rows, int[] position, int heads, int headDim, float base) {
        int half = headDim / 2;
        float thetaScale = (float) Math.pow(base, -2.0 / headDim);
        float[] cos = new float[half];
        float[] sin = new float[half];
        for (int t = 0; t < rows; t++) {
            float theta = position[t];
            for (int i = 0; i < half; i++) {
                cos[i] = (float) Math.cos(theta);
                sin[i] = (float) Math.sin(theta);
                theta *= thetaScale;
            }
            for (int h = 0; h < heads; h++) {
                int o = t * heads * headDim + h * headDim;
                for (int i = 0; i < half; i++) {
                    float x0 = x[o + i];
                    float x1 = x[o + i + half];
                    x[o + i] = x0 * cos[i] - x1 * sin[i];
                    x[o + i + half] = x0 * sin[i] + x1 * cos[i];
                }
            }
        }
    }

    /** Softmax attention of every token over the tokens of its own sequence (start[s] to start[s + 1]), all heads. */
    static float[] attention(float[] q, float[] k, float[] v, int[] start, int heads, int headDim) {
        int d = heads * headDim;
        float[] out = new float[q.length];
        float scale = (float) (1 / Math.sqrt(headDim));
        for (int s = 0; s + 1 < start.length; s++) {
            int first = start[s];
            int len = start[s + 1] - first;
            float[] score = new float[len];
            for (int h = 0; h < heads; h++) {
                int ho = h * headDim;
                for (int i = first; i < first + len; i++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j < len; j++) {
                        float a = 0;
                        int qo = i * d + ho;
                        int ko = (first + j) * d + ho;
                        for (int e = 0; e < headDim; e++) {
                            a += q[qo + e] * k[ko + e];
                        }
                        score[j] = a * scale;
                        max = Math.max(max, score[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < len; j++) {
                        score[j] = (float) Math.exp(score[j] - max);
                        sum += score[j];
                    }
                    float inv = (float) (1 / sum);
                    int oo = i * d + ho;
                    for (int j = 0; j < len; j++) {
                        float p = score[j] * inv;
                        int vo = (first + j) * d + ho;
                        for (int e = 0; e < headDim; e++) {
                            out[oo + e] += p * v[vo + e];
                        }
                    }
                }
            }
        }
        return out;
    }

    static float silu(float x) {
        return (float) (x / (1 + Math.exp(-x)));
    }

    /** GELU as ONNX's BERT graphs compute it: x/2 (1 + erf(x / sqrt 2)). */
    static float gelu(float x) {
        return (float) (0.5 * x * (1 + erf(x / Math.sqrt(2))));
    }

    /**
     * erf from the Chebyshev fit of erfc in Numerical Recipes (fractional error under 1.2e-7 everywhere),
     * in double: Java's Math has no erf, and this is below float rounding at GELU's scale.
     */
    static double erf(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - erfc : erfc - 1;
    }
}
