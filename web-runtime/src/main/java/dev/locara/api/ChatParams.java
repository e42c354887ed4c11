package dev.locara.api;

/** A validated chat completions request; the messages travel to the worker as JSON text, rendered there. */
public record ChatParams(String model, String messagesJson, int maxTokens, double temperature, double seed) {
    /** OpenAI lets a chat run to the end of the context; a bounded default keeps a forgotten max_tokens cheap here. */
    public static final int DEFAULT_MAX_TOKENS = 256;
}
