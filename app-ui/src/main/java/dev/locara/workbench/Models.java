package dev.locara.workbench;

import dev.locara.api.LocaraApi;
import dev.locara.cache.ModelCatalog;
import dev.locara.cache.ModelRef;
import dev.locara.conversation.Sampling;
import java.util.List;
import java.util.Map;

/** The models the page can name, how each is called on screen, and the sampling each starts a chat with. */
final class Models {
    private final List<LocaraApi.Model> all;

    Models(List<LocaraApi.Model> all) {
        this.all = List.copyOf(all);
    }

    List<LocaraApi.Model> all() {
        return all;
    }

    /** The display name of {@code id}; an id no longer listed (an imported chat's model) as itself. */
    String name(String id) {
        if (id == null) {
            return "Assistant";
        }
        for (LocaraApi.Model m : all) {
            if (m.id().equals(id)) {
                return m.name();
            }
        }
        return id;
    }

    /**
     * A new chat's sampling for {@code id}: the app's defaults with what the model's makers suggest
     * (the manifest's "sampling", from their generation_config) in place; Reset returns to it.
     */
    Sampling defaults(String id) {
        Sampling d = Sampling.defaults();
        Map<String, Double> s = Map.of();
        for (ModelRef m : ModelCatalog.all()) {
            if (m.id().equals(id)) {
                s = m.sampling();
            }
        }
        return new Sampling(s.getOrDefault("temperature", d.temperature()), s.getOrDefault("top_p", d.topP()),
                (int) Math.round(s.getOrDefault("top_k", (double) d.topK())), s.getOrDefault("min_p", d.minP()),
                s.getOrDefault("repeat_penalty", d.repeatPenalty()), d.maxTokens(), d.seed(), d.contextLength());
    }
}
