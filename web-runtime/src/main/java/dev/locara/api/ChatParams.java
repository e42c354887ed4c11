package dev.locara.api;

import dev.locara.sample.SamplingParams;
import java.util.List;

/**
 * A validated chat completions request; the messages travel to the worker as JSON text, rendered there.
 *
 * @param contextLength the KV cache length asked for, 0 for the engine's default
 */
public record ChatParams(String model, String messagesJson, int maxTokens, SamplingParams sampling, List<String> stop,
                         int contextLength) {
    /** OpenAI lets a chat run to the end of the context; a bounded default keeps a forgotten max_tokens cheap here. */
    public static final int DEFAULT_MAX_TOKENS = 256;
}
