package dev.locara.synth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hyper-parameters that fix every tensor shape of a llama-family model, as in its Hugging Face
 * config.json. Named shapes copy real models so that synthetic files exercise the sizes a user's
 * download will have.
 *
 * @param architecture  GGUF architecture name: one of {@link #ARCHITECTURES}
 * @param ropeScaling   Llama 3 rope scaling (writes the rope_freqs tensor as llama.cpp does), or null
 * @param headDim       width of one attention head; Gemma's differs from dim / heads
 * @param slidingWindow Gemma's local attention window in tokens (0: none)
 * @param attnSoftcap   Gemma 2's attention logit soft-cap (0: none)
 * @param finalSoftcap  Gemma 2's output logit soft-cap (0: none)
 */
public record ModelShape(String name, String architecture, int dim, int layers, int heads, int kvHeads, int ffn,
                         int vocab, int context, float ropeTheta, float normEps, boolean tiedOutput,
                         Llama3Rope ropeScaling, int headDim, int slidingWindow, float attnSoftcap, float finalSoftcap) {

    /**
     * llama and qwen2 (q/k/v biases) write separate projections; phi3 fuses q, k, v into attn_qkv and
     * gate, up into ffn_up and carries LongRoPE factors; gemma2 and gemma3 add post-norms, GeGLU and
     * sliding-window layers, gemma3 also per-head q/k norms.
     */
    public static final java.util.List<String> ARCHITECTURES = java.util.List.of("llama", "qwen2", "phi3", "gemma2", "gemma3");

    /** The shape of an architecture without Gemma's extras: head width dim / heads, no window, no caps. */
    public ModelShape(String name, String architecture, int dim, int layers, int heads, int kvHeads, int ffn,
                      int vocab, int context, float ropeTheta, float normEps, boolean tiedOutput, Llama3Rope ropeScaling) {
        this(name, architecture, dim, layers, heads, kvHeads, ffn, vocab, context, ropeTheta, normEps, tiedOutput, ropeScaling,
                heads > 0 ? dim / heads : 0, 0, 0f, 0f);
    }

    /** Llama 3's rope_scaling block: factor, low/high frequency factors, original context. */
    public record Llama3Rope(float factor, float lowFreqFactor, float highFreqFactor, int originalContext) {
    }

    /** Real models by the name the CLI takes; numbers from each model's config.json. */
    public static final Map<String, ModelShape> NAMED = new LinkedHashMap<>();

    static {
        // meta-llama/Llama-3.2-1B: 1.24 B parameters, tied embeddings, llama3 rope scaling.
        add(new ModelShape("llama-3.2-1b", "llama", 2048, 16, 32, 8, 8192, 128256, 131072, 500000f, 1e-5f, true,
                new Llama3Rope(32f, 1f, 4f, 8192)));
        // Qwen/Qwen2.5-0.5B: biases on q, k and v; tied embeddings.
        add(new ModelShape("qwen2.5-0.5b", "qwen2", 896, 24, 14, 2, 4864, 151936, 32768, 1000000f, 1e-6f, true, null));
        // HuggingFaceTB/SmolLM2-360M.
        add(new ModelShape("smollm2-360m", "llama", 960, 32, 15, 5, 2560, 49152, 8192, 100000f, 1e-5f, true, null));
        // microsoft/Phi-3-mini-4k-instruct: fused qkv and gate-up, untied output.
        add(new ModelShape("phi-3-mini-4k", "phi3", 3072, 32, 32, 32, 8192, 32064, 4096, 10000f, 1e-5f, false, null));
        // google/gemma-2-2b: 256-wide heads (8 * 256 != 2304), window 4096, soft-caps 50 and 30.
        add(new ModelShape("gemma-2-2b", "gemma2", 2304, 26, 8, 4, 9216, 256000, 8192, 10000f, 1e-6f, true, null,
                256, 4096, 50f, 30f));
        // google/gemma-3-1b-pt: window 512 on five of every six layers, global rope base 1e6.
        add(new ModelShape("gemma-3-1b", "gemma3", 1152, 26, 4, 1, 6912, 262144, 32768, 1000000f, 1e-6f, true, null,
                256, 512, 0f, 0f));
    }

    private static void add(ModelShape s) {
        NAMED.put(s.name, s);
    }

    public ModelShape {
        if (!ARCHITECTURES.contains(architecture)) {
            throw new IllegalArgumentException("architecture must be one of " + String.join(", ", ARCHITECTURES) + ", got " + architecture);
        }
        if (dim <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || ffn <= 0 || context <= 0 || headDim <= 0 || slidingWindow < 0) {
            throw new IllegalArgumentException("dimensions must be positive");
        }
        boolean gemma = architecture.startsWith("gemma");
        if ((!gemma && (dim % heads != 0 || headDim != dim / heads)) || heads % kvHeads != 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("dim " + dim + " must split into " + heads + " heads of even size, and "
                    + heads + " heads into groups of " + kvHeads + " key/value heads");
        }
        if (vocab < SyntheticVocabulary.RESERVED) {
            throw new IllegalArgumentException("vocab must be at least " + SyntheticVocabulary.RESERVED
                    + " (unk, bos, eos and the 256 byte tokens), got " + vocab);
        }
    }

    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim();
    }

    public boolean qkvBias() {
        return architecture.equals("qwen2");
    }

    public boolean gemma() {
        return architecture.startsWith("gemma");
    }
}
