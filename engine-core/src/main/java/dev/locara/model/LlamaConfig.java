package dev.locara.model;

import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;

/**
 * Hyper-parameters of a llama-family model, read from GGUF metadata ({@code <arch>.*} keys), and the
 * switches by which the supported architectures differ. One forward pass reads them; there is no
 * class per architecture. Each switch follows what llama.cpp's llama-model.cpp does for the arch.
 *
 * @param dim           embedding width (n_embd)
 * @param hiddenDim     feed-forward width (n_ff)
 * @param layers        transformer blocks
 * @param heads         query heads
 * @param kvHeads       key/value heads (fewer than heads: grouped-query attention)
 * @param vocabSize     rows of the embedding table
 * @param contextLength the longest context the model was built for
 * @param ropeDim       how many dimensions of each head RoPE rotates
 * @param ropeTheta     RoPE frequency base (of the global layers, where local ones differ)
 * @param normEps       RMSNorm epsilon
 * @param tiedOutput    true when the output projection reuses the token embedding
 * @param headDim       width of one head (Gemma's key_length may differ from dim / heads)
 * @param ropeNeox      rotate pairs (i, i + ropeDim/2) (qwen2, phi3, gemma) rather than adjacent pairs (llama)
 * @param qkvBias       q, k and v projections carry biases (qwen2)
 * @param fusedQkv      q, k, v are row ranges of one attn_qkv matrix (phi3)
 * @param fusedGateUp   gate and up are the two halves of ffn_up, gate first (phi3)
 * @param qkNorm        per-head RMSNorm of q and k before RoPE (gemma3)
 * @param postNorms     RMSNorm of the attention and feed-forward outputs before each residual add (gemma)
 * @param geluFfn       the feed-forward gate uses GELU (tanh approximation) instead of SiLU (gemma)
 * @param embedScale    factor on the token embedding (gemma: sqrt(dim)), else 1
 * @param attnScale     factor on q.k (1/sqrt(headDim), or Gemma 27B's query_pre_attn_scalar rule)
 * @param attnSoftcap   attention scores become cap * tanh(score / cap) (gemma2); 0: none
 * @param finalSoftcap  the same on the output logits (gemma2); 0: none
 * @param slidingWindow local layers attend to the last slidingWindow positions (gemma); 0: none
 * @param swaPattern    layer l is local when l % swaPattern < swaPattern - 1 (gemma2: 2, gemma3: 6)
 * @param ropeThetaLocal RoPE base of the local layers (gemma3: 10000)
 */
public record LlamaConfig(String architecture, int dim, int hiddenDim, int layers, int heads, int kvHeads,
                          int vocabSize, int contextLength, int ropeDim, float ropeTheta, float normEps,
                          boolean tiedOutput, int headDim, boolean ropeNeox, boolean qkvBias, boolean fusedQkv,
                          boolean fusedGateUp, boolean qkNorm, boolean postNorms, boolean geluFfn, float embedScale,
                          float attnScale, float attnSoftcap, float finalSoftcap, int slidingWindow, int swaPattern,
                          float ropeThetaLocal) {

    public static final String[] SUPPORTED_ARCHITECTURES = {"llama", "qwen2", "phi3", "gemma2", "gemma3"};

    /** A plain llama: adjacent-pair RoPE, no biases, SwiGLU, head width dim / heads. */
    public LlamaConfig(String architecture, int dim, int hiddenDim, int layers, int heads, int kvHeads, int vocabSize,
                       int contextLength, int ropeDim, float ropeTheta, float normEps, boolean tiedOutput) {
        this(architecture, dim, hiddenDim, layers, heads, kvHeads, vocabSize, contextLength, ropeDim, ropeTheta, normEps,
                tiedOutput, dim / heads, false, false, false, false, false, false, false, 1f,
                (float) (1 / Math.sqrt(dim / heads)), 0f, 0f, 0, 0, ropeTheta);
    }

    /** Width of all query heads together (dim, except for Gemma). */
    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Whether layer {@code layer} attends only to the last {@link #slidingWindow} positions. */
    public boolean isLocal(int layer) {
        return slidingWindow > 0 && layer % swaPattern < swaPattern - 1;
    }

    public float ropeTheta(int layer) {
        return isLocal(layer) ? ropeThetaLocal : ropeTheta;
    }

    /**
     * The tensor of per-frequency RoPE divisors, or null: Llama 3's rope_freqs, or Phi-3's LongRoPE
     * factors, short within the original training context and long beyond it (as llama.cpp chooses
     * by the context in use).
     */
    public static String ropeFactorsTensor(GgufFile gguf, int contextInUse) {
        if (gguf.tensor("rope_freqs.weight") != null) {
            return "rope_freqs.weight";
        }
        String arch = gguf.requireString("general.architecture");
        long original = gguf.integer(arch + ".rope.scaling.original_context_length", gguf.integer(arch + ".context_length", 2048));
        String name = contextInUse > original ? "rope_factors_long.weight" : "rope_factors_short.weight";
        return gguf.tensor(name) != null ? name : null;
    }

    public static LlamaConfig fromGguf(GgufFile gguf) {
        String arch = gguf.requireString("general.architecture");
        if (!java.util.Arrays.asList(SUPPORTED_ARCHITECTURES).contains(arch)) {
            throw new GgufException(GgufException.Kind.MISSING, "Model architecture '" + arch
                    + "' is not supported by this version of Locara; supported: " + String.join(", ", SUPPORTED_ARCHITECTURES) + ".");
        }
        boolean gemma = arch.startsWith("gemma");
        int dim = gguf.requireInt(arch + ".embedding_length");
        int heads = gguf.requireInt(arch + ".attention.head_count");
        int kvHeads = (int) gguf.integer(arch + ".attention.head_count_kv", heads);
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0 || (!gemma && dim % heads != 0)) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Inconsistent attention shape: " + dim + " wide, "
                    + heads + " heads, " + kvHeads + " key/value heads.");
        }
        int headDim = (int) gguf.integer(arch + ".attention.key_length", dim / heads);
        if (gguf.integer(arch + ".attention.value_length", headDim) != headDim) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Key and value heads of different widths ("
                    + headDim + ", " + gguf.integer(arch + ".attention.value_length", headDim) + ") are not supported.");
        }
        GgufTensorInfo embedding = gguf.tensor("token_embd.weight");
        if (embedding == null) {
            throw new GgufException(GgufException.Kind.MISSING, "This GGUF has no token_embd.weight tensor.");
        }
        if (embedding.shape().length != 2 || embedding.shape()[1] > Integer.MAX_VALUE) {
            throw new GgufException(GgufException.Kind.MALFORMED, "token_embd.weight has shape " + embedding.shapeString()
                    + "; a [dim, vocab] matrix was expected.");
        }
        int vocab = (int) embedding.shape()[1];
        int layers = gguf.requireInt(arch + ".block_count");
        float ropeTheta = gguf.real(arch + ".rope.freq_base", 10000f);
        // llama.cpp scales q by 1/sqrt(dim / heads) for the 27B Gemmas (their query_pre_attn_scalar),
        // recognized by layer count, and by 1/sqrt(headDim) otherwise.
        boolean gemma27b = (arch.equals("gemma2") && layers == 46) || (arch.equals("gemma3") && layers == 62);
        float attnScale = (float) (1 / Math.sqrt(gemma27b ? (double) dim / heads : headDim));
        int window = gemma ? (int) gguf.integer(arch + ".attention.sliding_window", 0) : 0;
        int pattern = arch.equals("gemma2") ? 2 : (int) gguf.integer(arch + ".attention.sliding_window_pattern", 6);
        LlamaConfig c = new LlamaConfig(arch, dim,
                gguf.requireInt(arch + ".feed_forward_length"),
                layers, heads, kvHeads, vocab,
                (int) gguf.integer(arch + ".context_length", 2048),
                (int) gguf.integer(arch + ".rope.dimension_count", headDim),
                ropeTheta,
                gguf.real(arch + ".attention.layer_norm_rms_epsilon", 1e-5f),
                gguf.tensor("output.weight") == null,
                headDim,
                !arch.equals("llama"),
                gguf.tensor("blk.0.attn_q.bias") != null,
                gguf.tensor("blk.0.attn_qkv.weight") != null,
                gguf.tensor("blk.0.ffn_gate.weight") == null && arch.equals("phi3"),
                gguf.tensor("blk.0.attn_q_norm.weight") != null,
                gemma, gemma,
                gemma ? (float) Math.sqrt(dim) : 1f,
                attnScale,
                arch.equals("gemma2") ? gguf.real(arch + ".attn_logit_softcapping", 0f) : 0f,
                arch.equals("gemma2") ? gguf.real(arch + ".final_logit_softcapping", 0f) : 0f,
                window, Math.max(pattern, 1),
                arch.equals("gemma3") ? gguf.real(arch + ".rope.freq_base_swa", 10000f) : ropeTheta);
        c.check(gguf.tensors().size());
        return c;
    }

    /** Refuses values that would make the forward pass allocate absurd buffers or index out of range. */
    private void check(int tensorCount) {
        // Each block holds at least 9 tensors, so a block count above the tensor count is corrupt metadata.
        boolean ok = dim > 0 && hiddenDim > 0 && layers > 0 && layers <= tensorCount && vocabSize > 0
                && contextLength > 0 && headDim > 0 && ropeDim > 0 && ropeDim % 2 == 0 && ropeDim <= headDim
                && slidingWindow >= 0 && (long) heads * headDim <= 1 << 20;
        if (!ok) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Impossible hyper-parameters in the metadata: " + this + ".");
        }
    }
}
