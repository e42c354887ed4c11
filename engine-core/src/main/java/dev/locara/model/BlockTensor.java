package dev.locara.model;

import java.util.function.ToIntFunction;

/**
 * The tensors of one transformer block, by their GGUF names ({@code blk.N.<suffix>}) and shapes as
 * [rows][columns] of the row-major matrix (a vector has one row). {@link LayerPlan}'s steps name
 * the tensors they read; a backend loads exactly those.
 */
public enum BlockTensor {
    ATTN_NORM("attn_norm.weight", LlamaConfig::dim),
    ATTN_Q("attn_q.weight", LlamaConfig::qDim, LlamaConfig::dim),
    ATTN_K("attn_k.weight", LlamaConfig::kvDim, LlamaConfig::dim),
    ATTN_V("attn_v.weight", LlamaConfig::kvDim, LlamaConfig::dim),
    ATTN_Q_BIAS("attn_q.bias", LlamaConfig::qDim),
    ATTN_K_BIAS("attn_k.bias", LlamaConfig::kvDim),
    ATTN_V_BIAS("attn_v.bias", LlamaConfig::kvDim),
    ATTN_Q_NORM("attn_q_norm.weight", LlamaConfig::headDim),
    ATTN_K_NORM("attn_k_norm.weight", LlamaConfig::headDim),
    ATTN_OUTPUT("attn_output.weight", LlamaConfig::dim, LlamaConfig::qDim),
    POST_ATTN_NORM("post_attention_norm.weight", LlamaConfig::dim),
    FFN_NORM("ffn_norm.weight", LlamaConfig::dim),
    FFN_GATE("ffn_gate.weight", LlamaConfig::hiddenDim, LlamaConfig::dim),
    FFN_UP("ffn_up.weight", LlamaConfig::hiddenDim, LlamaConfig::dim),
    FFN_DOWN("ffn_down.weight", LlamaConfig::dim, LlamaConfig::hiddenDim),
    POST_FFN_NORM("post_ffw_norm.weight", LlamaConfig::dim),
    /** How phi3 files store ATTN_Q, ATTN_K and ATTN_V: their rows in one matrix, q's, then k's, then v's. */
    ATTN_QKV("attn_qkv.weight", c -> c.qDim() + 2 * c.kvDim(), LlamaConfig::dim),
    /** How phi3 files store FFN_GATE and FFN_UP: gate's rows, then up's (llama.cpp's swiglu split). */
    FFN_GATE_UP("ffn_up.weight", c -> 2 * c.hiddenDim(), LlamaConfig::dim);

    private final String suffix;
    private final ToIntFunction<LlamaConfig> rows;
    private final ToIntFunction<LlamaConfig> cols;

    /** A vector: a norm weight or a bias. */
    BlockTensor(String suffix, ToIntFunction<LlamaConfig> width) {
        this(suffix, null, width);
    }

    BlockTensor(String suffix, ToIntFunction<LlamaConfig> rows, ToIntFunction<LlamaConfig> cols) {
        this.suffix = suffix;
        this.rows = rows;
        this.cols = cols;
    }

    /** The tensor's name in block {@code layer}, e.g. "blk.3.attn_q.weight". */
    public String name(int layer) {
        return "blk." + layer + "." + suffix;
    }

    public int rows(LlamaConfig c) {
        return rows == null ? 1 : rows.applyAsInt(c);
    }

    public int cols(LlamaConfig c) {
        return cols.applyAsInt(c);
    }

    public long elements(LlamaConfig c) {
        return (long) rows(c) * cols(c);
    }

    /** A norm weight or a bias: one row, which the kernels read as f32. */
    public boolean vector() {
        return rows == null;
    }
}
