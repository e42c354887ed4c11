package dev.locara.api;

import dev.locara.protocol.ApiRequest;
import dev.locara.protocol.Request;
import java.util.function.Function;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.function.JSConsumer;

/**
 * What completions.create and chat.completions.create share: the request checked before anything
 * is sent (a bad field rejects, or fails the stream, with a TypeError), then either a promise of
 * the whole answer or, with {@code stream: true}, an async iterator of its chunks; aborting the
 * request's {@code signal} stops it.
 *
 * @param <P> the endpoint's validated request
 */
abstract class GeneratingEndpoint<P> {
    /** Reads the request's fields as JSON (see {@link Js#requestJson}); a bad one throws IllegalArgumentException. */
    interface Parser<P> {
        P parse(String json, String knownModels);
    }

    /** The engine request for validated params, given its id and the model's URL. */
    interface Build<P> {
        Request build(int id, String url, P params);
    }

    final EngineClient client;
    private final String idPrefix;
    private final Parser<P> parser;
    private final Function<P, String> model;
    private final Build<P> build;

    GeneratingEndpoint(EngineClient client, String idPrefix, Parser<P> parser, Function<P, String> model, Build<P> build) {
        this.client = client;
        this.idPrefix = idPrefix;
        this.parser = parser;
        this.model = model;
        this.build = build;
    }

    /** Sends a validated request; returns its id (for stop) or -1 after reporting an error to the listener. */
    final int submit(P params, LocaraApi.Listener listener) {
        return client.submit(model.apply(params), listener, (id, url) -> build.build(id, url, params));
    }

    /** Collects the whole answer and settles the promise with it. */
    abstract LocaraApi.Listener collect(String responseId, double created, P params, JSConsumer<JSObject> resolve,
                                        JSConsumer<Object> reject);

    /** Turns each token into a chunk on {@code chunks}. */
    abstract LocaraApi.Listener stream(ChunkStream chunks, String responseId, double created, String model);

    final JSObject create(JSObject request) {
        String responseId = idPrefix + client.peekId();
        double created = Js.nowSeconds();
        String json = Js.requestJson(request);
        P params = null;
        String invalid = null;
        try {
            params = parser.parse(json, client.models.names());
        } catch (IllegalArgumentException e) {
            invalid = e.getMessage();
        }
        if (ApiRequest.wantsStream(json)) {
            ChunkStream chunks = new ChunkStream(client::stop);
            if (invalid != null) {
                chunks.fail(EngineClient.invalid(invalid));
            } else {
                chunks.requestId = submit(params, stream(chunks, responseId, created, model.apply(params)));
                watchAbort(request, chunks.requestId);
            }
            return chunks.iterator();
        }
        if (invalid != null) {
            return JSPromise.reject(EngineClient.invalid(invalid));
        }
        P p = params;
        return new JSPromise<JSObject>((resolve, reject) ->
                watchAbort(request, submit(p, collect(responseId, created, p, resolve, reject))));
    }

    private void watchAbort(JSObject request, int id) {
        if (id >= 0 && Js.has(request, "signal")) {
            Js.onAbort(Js.get(request, "signal"), () -> client.stop(id));
        }
    }
}
