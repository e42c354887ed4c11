package dev.locara.model;

import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;

/**
 * Hyper-parameters of a llama-family model, read from GGUF metadata ({@code <arch>.*} keys).
 *
 * @param dim           embedding width (n_embd)
 * @param hiddenDim     feed-forward width (n_ff)
 * @param layers        transformer blocks
 * @param heads         query heads
 * @param kvHeads       key/value heads (fewer than heads: grouped-query attention)
 * @param vocabSize     rows of the embedding table
 * @param contextLength the longest context the model was built for
 * @param ropeDim       how many dimensions of each head RoPE rotates
 * @param ropeTheta     RoPE frequency base
 * @param normEps       RMSNorm epsilon
 * @param tiedOutput    true when the output projection reuses the token embedding
 */
public record LlamaConfig(String architecture, int dim, int hiddenDim, int layers, int heads, int kvHeads,
                          int vocabSize, int contextLength, int ropeDim, float ropeTheta, float normEps,
                          boolean tiedOutput) {

    public static final String[] SUPPORTED_ARCHITECTURES = {"llama"};

    public int headDim() {
        return dim / heads;
    }

    public int kvDim() {
        return kvHeads * headDim();
    }

    public static LlamaConfig fromGguf(GgufFile gguf) {
        String arch = gguf.requireString("general.architecture");
        if (!arch.equals("llama")) {
            throw new GgufException(GgufException.Kind.MISSING, "Model architecture '" + arch
                    + "' is not supported by this version of Locara; supported: " + String.join(", ", SUPPORTED_ARCHITECTURES) + ".");
        }
        int dim = gguf.requireInt(arch + ".embedding_length");
        int heads = gguf.requireInt(arch + ".attention.head_count");
        int kvHeads = (int) gguf.integer(arch + ".attention.head_count_kv", heads);
        if (heads <= 0 || dim % heads != 0 || kvHeads <= 0 || heads % kvHeads != 0) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Inconsistent attention shape: " + dim + " wide, "
                    + heads + " heads, " + kvHeads + " key/value heads.");
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
        LlamaConfig c = new LlamaConfig(arch, dim,
                gguf.requireInt(arch + ".feed_forward_length"),
                gguf.requireInt(arch + ".block_count"),
                heads, kvHeads, vocab,
                (int) gguf.integer(arch + ".context_length", 2048),
                (int) gguf.integer(arch + ".rope.dimension_count", dim / heads),
                gguf.real(arch + ".rope.freq_base", 10000f),
                gguf.real(arch + ".attention.layer_norm_rms_epsilon", 1e-5f),
                gguf.tensor("output.weight") == null);
        c.check(gguf.tensors().size());
        return c;
    }

    /** Refuses values that would make the forward pass allocate absurd buffers or index out of range. */
    private void check(int tensorCount) {
        // Each block holds at least 9 tensors, so a block count above the tensor count is corrupt metadata.
        boolean ok = dim > 0 && hiddenDim > 0 && layers > 0 && layers <= tensorCount && vocabSize > 0
                && contextLength > 0 && ropeDim > 0 && ropeDim % 2 == 0 && ropeDim <= dim / heads;
        if (!ok) {
            throw new GgufException(GgufException.Kind.MALFORMED, "Impossible hyper-parameters in the metadata: " + this + ".");
        }
    }
}
