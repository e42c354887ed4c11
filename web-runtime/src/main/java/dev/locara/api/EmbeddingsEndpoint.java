package dev.locara.api;

import dev.locara.protocol.EmbeddingParams;
import dev.locara.protocol.Request;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * locara.embeddings.create: one vector per input in OpenAI's response shape ({@code object: 'list'},
 * {@code data[i].embedding}, {@code usage}, and {@code warnings} when an input was cut to the model's
 * context), with {@code onProgress} hearing each step of a large request and {@code signal} aborting it.
 */
final class EmbeddingsEndpoint {
    private final EngineClient client;

    EmbeddingsEndpoint(EngineClient client) {
        this.client = client;
    }

    /** {model, input, input_type?, dimensions?, encoding_format?, onProgress?, signal?}: a bad field rejects with a TypeError. */
    JSObject create(JSObject request) {
        EmbeddingParams params;
        try {
            params = EmbeddingParams.parse(Js.requestJson(request));
        } catch (IllegalArgumentException e) {
            return JSPromise.reject(EngineClient.invalid(e.getMessage()));
        }
        JSObject onProgress = Js.has(request, "onProgress") ? Js.get(request, "onProgress") : null;
        JSObject signal = Js.has(request, "signal") ? Js.get(request, "signal") : null;
        LocaraApi.Model model = client.models.find(params.model());
        // No model name for the client's record of the loaded model: that is the language model's.
        return client.ask(id -> new Request.Embed(id, model.url(), params), null, onProgress, signal);
    }
}
