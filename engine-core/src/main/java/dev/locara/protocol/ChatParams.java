package dev.locara.protocol;

import dev.locara.chat.ChatTemplate;
import dev.locara.json.JsonWriter;
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

    public ChatParams {
        if (model == null || messagesJson == null || sampling == null) {
            throw new IllegalArgumentException("A chat needs a model, messages and sampling settings.");
        }
        stop = List.copyOf(stop);
    }

    /** locara.chat.completions.create's request, read and checked as {@link CompletionParams#parse} does. */
    public static ChatParams parse(String json, String knownModels) {
        ApiRequest r = ApiRequest.of(json);
        if (r == null) {
            throw new IllegalArgumentException("chat.completions.create needs a request object such as {model: 'stories260k',"
                    + " messages: [{role: 'user', content: 'Hello'}]}.");
        }
        String model = CompletionParams.model(r, knownModels);
        Object messages = r.raw("messages");
        ChatTemplate.checkMessages(messages);
        return new ChatParams(model, JsonWriter.COMPACT.write(messages), CompletionParams.maxTokens(r, DEFAULT_MAX_TOKENS),
                SamplingRequest.parse(r, CompletionParams.DEFAULT_TEMPERATURE), SamplingRequest.stop(r),
                CompletionParams.contextLength(r));
    }
}
