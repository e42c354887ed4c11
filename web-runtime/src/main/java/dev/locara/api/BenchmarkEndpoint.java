package dev.locara.api;

import dev.locara.protocol.BenchmarkParams;
import dev.locara.protocol.Request;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * locara.benchmark.run: measures this device with a model. The engine runs it after whatever
 * request is running, as it runs every request, one at a time.
 */
final class BenchmarkEndpoint {
    private final EngineClient client;

    BenchmarkEndpoint(EngineClient client) {
        this.client = client;
    }

    /** {model, prompt_tokens, decode_tokens, onProgress}: a bad field rejects with a TypeError. */
    JSObject run(JSObject request) {
        BenchmarkParams params;
        try {
            params = BenchmarkParams.parse(Js.requestJson(request));
        } catch (IllegalArgumentException e) {
            return JSPromise.reject(EngineClient.invalid(e.getMessage()));
        }
        return run(params, request != null && Js.has(request, "onProgress") ? Js.get(request, "onProgress") : null);
    }

    /** A promise of the figures, or a LocaraError; {@code onProgress}, a JS function or null, hears each step. */
    JSObject run(BenchmarkParams params, JSObject onProgress) {
        LocaraApi.Model model = params.model() == null ? null : client.models.find(params.model());
        return client.ask(id -> new Request.Benchmark(id, model == null ? null : model.url(), params),
                model == null ? null : model.id(), onProgress, null);
    }
}
