package dev.locara.embed;

import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;

/**
 * Hyper-parameters of a BERT-family encoder, read from GGUF metadata under llama.cpp's key names, and the
 * switches by which the two supported architectures differ:
 * <ul>
 *   <li>{@code bert} (all-MiniLM, bge): learned absolute positions, separate q/k/v with biases, GELU (erf);
 *   <li>{@code nomic-bert} (nomic-embed-text): rotary positions (NEOX pairs), one fused attn_qkv without
 *       biases, SwiGLU, Matryoshka-trained so its vectors may be cut to fewer dimensions.
 * </ul>
 * Both are post-LayerNorm: the norm follows each residual add.
 *
 * @param tokenTypes     rows of the token-type table (BERT's "sentence A/B"; 0 when the model has none)
 * @param normEps        LayerNorm epsilon
 * @param ropeTheta      rotary frequency base (nomic-bert); unused by bert
 * @param queryPrefix    text put before a query ("" for none)
 * @param documentPrefix text put before a document ("" for none)
 */
public record EncoderConfig(String architecture, int dim, int layers, int heads, int ffn, int vocabSize,
                            int contextLength, int tokenTypes, float normEps, Pooling pooling, float ropeTheta,
                            String queryPrefix, String documentPrefix) {

    public static final String[] SUPPORTED_ARCHITECTURES = {"bert", "nomic-bert"};

    /** Locara's own keys for the prefixes, which llama.cpp's converter does not write; convert-onnx does. */
    public static final String QUERY_PREFIX_KEY = "locara.embedding.query_prefix";
    public static final String DOCUMENT_PREFIX_KEY = "locara.embedding.document_prefix";

    public EncoderConfig {
        if (dim % heads != 0) {
            throw new IllegalArgumentException("Width " + dim + " is not a multiple of the " + heads + " heads.");
        }
    }

    public static boolean isEncoder(GgufFile gguf) {
        String a = gguf.string("general.architecture", "");
        return a.equals("bert") || a.equals("nomic-bert");
    }

    public static EncoderConfig fromGguf(GgufFile gguf) {
        String a = gguf.requireString("general.architecture");
        if (!a.equals("bert") && !a.equals("nomic-bert")) {
            throw new GgufException(GgufException.Kind.MISSING, "Architecture '" + a + "' is not an embedding model this "
                    + "version of Locara runs; supported: " + String.join(", ", SUPPORTED_ARCHITECTURES) + ".");
        }
        GgufTensorInfo embd = gguf.tensor("token_embd.weight");
        if (embd == null || embd.shape().length != 2) {
            throw new GgufException(GgufException.Kind.MISSING, "This GGUF lacks the 2-D tensor 'token_embd.weight'.");
        }
        Pooling pooling = Pooling.of(gguf.integer(a + ".pooling_type", Pooling.NONE.code));
        if (pooling == Pooling.NONE || pooling == Pooling.RANK) {
            throw new GgufException(GgufException.Kind.MISSING, "This GGUF's " + a + ".pooling_type is " + pooling
                    + ": it makes no one vector per text (supported: MEAN, CLS, LAST).");
        }
        boolean nomic = a.equals("nomic-bert");
        // nomic-embed-text was trained with these prefixes; llama.cpp leaves them to the caller.
        String query = gguf.string(QUERY_PREFIX_KEY, nomic ? "search_query: " : "");
        String document = gguf.string(DOCUMENT_PREFIX_KEY, nomic ? "search_document: " : "");
        GgufTensorInfo types = gguf.tensor("token_types.weight");
        return new EncoderConfig(a, gguf.requireInt(a + ".embedding_length"), gguf.requireInt(a + ".block_count"),
                gguf.requireInt(a + ".attention.head_count"), gguf.requireInt(a + ".feed_forward_length"),
                (int) embd.shape()[1], gguf.requireInt(a + ".context_length"),
                types == null ? 0 : (int) gguf.integer("tokenizer.ggml.token_type_count", types.shape()[1]),
                gguf.real(a + ".attention.layer_norm_epsilon", 1e-12f), pooling,
                gguf.real(a + ".rope.freq_base", 1000f), query, document);
    }

    public int headDim() {
        return dim / heads;
    }

    /** Rotary positions on q and k instead of a learned position table. */
    public boolean rotary() {
        return architecture.equals("nomic-bert");
    }

    /** Feed-forward as down(silu(gate x) * up x), without biases; else down(gelu(up x + b) + b). */
    public boolean swiglu() {
        return architecture.equals("nomic-bert");
    }

    /** q, k, v as the three row ranges of one attn_qkv matrix. */
    public boolean fusedQkv() {
        return architecture.equals("nomic-bert");
    }

    /** Whether a vector may be cut to its first N dimensions and renormalized (Matryoshka training). */
    public boolean matryoshka() {
        return architecture.equals("nomic-bert");
    }

    public String prefix(InputType type) {
        return type == null ? "" : type == InputType.QUERY ? queryPrefix : documentPrefix;
    }
}
