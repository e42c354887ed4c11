package dev.locara.cache;

import java.util.List;
import java.util.Map;

/**
 * One model of the manifest: what it is, where its bytes come from, and what they must hash to.
 *
 * @param id           the name used in API requests ("stories260k")
 * @param file         the file name in the server's models folder and in browser storage
 * @param bytes        the pinned size
 * @param sha256       the pinned SHA-256, lower-case hex
 * @param sources      where to download it, in order of preference: the page's own server first
 *                     (a relative URL), then public URLs
 * @param parameters   total and active parameter counts (they differ for mixture-of-experts models:
 *                     memory depends on the total, speed on the active)
 * @param memory       memory needed to run the model at {@code memory.context} tokens of context
 * @param recommended  the default the model manager suggests for its category (at most one per category)
 * @param sampling     the sampling its makers suggest (their generation_config), in the API's field
 *                     names ({@code temperature, top_p, top_k, min_p, repeat_penalty}); empty when none
 */
public record ModelRef(String id, String displayName, Category category, String architecture, String quantization,
                       String file, long bytes, String sha256, List<String> sources, License license,
                       Parameters parameters, long contextLength, Memory memory, boolean recommended,
                       Map<String, Double> sampling) {
    /** The fields a manifest may suggest, as chat.completions names them. */
    public static final List<String> SAMPLING_FIELDS = List.of("temperature", "top_p", "top_k", "min_p", "repeat_penalty");

    public ModelRef {
        sampling = Map.copyOf(sampling);
        sources = List.copyOf(sources);
    }


    /** What a model is for. Vision and speech have no models yet but are valid in a manifest. */
    public enum Category {
        CHAT, CODING, REASONING, EMBEDDINGS, VISION, SPEECH;

        public String jsonName() {
            return name().toLowerCase();
        }
    }

    /**
     * @param id           the licence's short name, SPDX where it has one ("mit", "llama3.2")
     * @param spdx         the SPDX identifier, or null for licences SPDX does not list
     * @param acceptTerms  whether the user must accept terms before use (Llama, Gemma, Qwen research)
     * @param terms        the conditions worth knowing before accepting, or null
     */
    public record License(String id, String spdx, String name, String url, boolean acceptTerms, String terms) {
    }

    /** @param approximate true when the count comes from a model card's rounded figure */
    public record Parameters(long total, long active, boolean approximate) {
    }

    /** @param context the context length (tokens) the estimate is for; @param bytes file plus KV cache */
    public record Memory(long context, long bytes) {
    }

    /** Where the page's origin serves the file. */
    public String localUrl() {
        return "models/" + file;
    }
}
