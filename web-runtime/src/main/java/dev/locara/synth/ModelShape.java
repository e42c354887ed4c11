package dev.locara.synth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hyper-parameters that fix every tensor shape of a llama-family model, as in its Hugging Face
 * config.json. Named shapes copy real models so that synthetic files exercise the sizes a user's
 * download will have.
 *
 * @param architecture GGUF architecture name: "llama" or "qwen2" (q/k/v biases)
 * @param ropeScaling  Llama 3 rope scaling (writes the rope_freqs tensor as llama.cpp does), or null
 */
public record ModelShape(String name, String architecture, int dim, int layers, int heads, int kvHeads, int ffn,
                         int vocab, int context, float ropeTheta, float normEps, boolean tiedOutput,
                         Llama3Rope ropeScaling) {

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
    }

    private static void add(ModelShape s) {
        NAMED.put(s.name, s);
    }

    public ModelShape {
        if (!architecture.equals("llama") && !architecture.equals("qwen2")) {
            throw new IllegalArgumentException("architecture must be llama or qwen2, got " + architecture);
        }
        if (dim <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || ffn <= 0 || context <= 0) {
            throw new IllegalArgumentException("dimensions must be positive");
        }
        if (dim % heads != 0 || heads % kvHeads != 0 || (dim / heads) % 2 != 0) {
            throw new IllegalArgumentException("dim " + dim + " must split into " + heads + " heads of even size, and "
                    + heads + " heads into groups of " + kvHeads + " key/value heads");
        }
        if (vocab < SyntheticVocabulary.RESERVED) {
            throw new IllegalArgumentException("vocab must be at least " + SyntheticVocabulary.RESERVED
                    + " (unk, bos, eos and the 256 byte tokens), got " + vocab);
        }
    }

    public int headDim() {
        return dim / heads;
    }

    public int kvDim() {
        return kvHeads * headDim();
    }

    public boolean qkvBias() {
        return architecture.equals("qwen2");
    }
}
