package dev.locara.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locara.api.LocaraApi;
import dev.locara.conversation.Sampling;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsTest {
    private final Models models = new Models(List.of(new LocaraApi.Model("stories260k", "TinyStories 260K", "models/x")));

    /** Qwen2.5's makers suggest temperature 0.7, top-p 0.8, top-k 20, repetition penalty 1.05 (its generation_config). */
    @Test
    void aModelsSuggestedSamplingReplacesTheAppDefaults() {
        Sampling q = models.defaults("qwen2.5-0.5b-instruct-q4_k_m");
        Sampling d = Sampling.defaults();
        assertEquals(new Sampling(0.7, 0.8, 20, d.minP(), 1.05, d.maxTokens(), d.seed(), d.contextLength()), q);
        q.validate();
        assertEquals(d, models.defaults("stories260k"), "the demo model suggests nothing");
        assertEquals(d, models.defaults("an-imported-model"), "a user model has no manifest entry");
    }

    @Test
    void namesFallBackToTheId() {
        assertEquals("TinyStories 260K", models.name("stories260k"));
        assertEquals("imported", models.name("imported"));
        assertEquals("Assistant", models.name(null));
    }
}
