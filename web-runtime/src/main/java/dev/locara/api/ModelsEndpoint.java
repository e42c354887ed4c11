package dev.locara.api;

import dev.locara.protocol.AddRequest;
import dev.locara.protocol.ErrorCode;
import dev.locara.protocol.Request;
import java.util.function.IntFunction;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * locara.models: the manifest's list, loading onto the GPU, and browser storage (download, import, add, stored, delete),
 * which the worker runs because only a worker has synchronous OPFS writes. Each storage call is a
 * promise of its result or of a LocaraError; {@code options} may give {onProgress, signal}.
 */
final class ModelsEndpoint {
    private final EngineClient client;

    ModelsEndpoint(EngineClient client) {
        this.client = client;
    }

    JSObject list() {
        return client.models.list(client.loadedModel());
    }

    JSObject download(JSObject id, JSObject options) {
        String model = Js.stringOrNull(id);
        if (model == null) {
            return refuse(needsId("download"));
        }
        return ask(r -> new Request.Download(r, model), options);
    }

    /** The page's own download: the same request, with its progress function and signal given directly. */
    JSObject download(String model, JSObject onProgress, JSObject signal) {
        return client.ask(r -> new Request.Download(r, model), null, onProgress, signal);
    }

    JSObject importFile(JSObject file, JSObject options) {
        if (file == null || !Js.isBlob(file)) {
            return refuse("models.import(file) needs a File or Blob, such as one from <input type=file> or a drop.");
        }
        String name = Js.fileName(file);
        return ask(r -> new Request.Import(r, name, file), options);
    }

    JSObject add(JSObject request, JSObject options) {
        AddRequest add;
        try {
            add = AddRequest.parse(Js.requestJson(request), Js::resolveUrl);
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        return ask(r -> new Request.Add(r, add.url(), add.name()), options);
    }

    JSObject stored() {
        return ask(Request.ListStored::new, null);
    }

    JSObject verify(JSObject options) {
        return verify(option(options, "onProgress"), option(options, "signal"));
    }

    /** Runs in the store check worker; models this page saw hashed whole are only checked for presence and size. */
    JSObject verify(JSObject onProgress, JSObject signal) {
        return client.ask(r -> new Request.Verify(r, client.store.hashedBefore()), null, onProgress, signal);
    }

    /** models.load(id, {onProgress, context_length}): the model onto the GPU now, reporting its stages. */
    JSObject load(JSObject id, JSObject options) {
        String model = Js.stringOrNull(id);
        if (model == null) {
            return refuse(needsId("load"));
        }
        int context = 0;
        if (options != null && Js.has(options, "context_length")) {
            double c = Js.number(Js.get(options, "context_length"));
            if (!(c >= 1 && c <= Integer.MAX_VALUE) || c != Math.floor(c)) {
                return refuse("models.load's context_length must be a positive whole number of tokens.");
            }
            context = (int) c;
        }
        return load(model, context, option(options, "onProgress"));
    }

    JSObject load(String model, int contextLength, JSObject onProgress) {
        LocaraApi.Model m = client.models.find(model);
        return client.ask(r -> new Request.Load(r, m.url(), m.id(), contextLength), m.id(), onProgress, null);
    }

    JSObject delete(String model) {
        return ask(r -> new Request.Delete(r, model), null);
    }

    JSObject delete(JSObject id) {
        String model = Js.stringOrNull(id);
        if (model == null) {
            return refuse(needsId("delete"));
        }
        return ask(r -> new Request.Delete(r, model), null);
    }

    private JSObject ask(IntFunction<Request> build, JSObject options) {
        return client.ask(build, null, option(options, "onProgress"), option(options, "signal"));
    }

    private static JSObject option(JSObject options, String key) {
        return options != null && Js.has(options, key) ? Js.get(options, key) : null;
    }

    private String needsId(String op) {
        return "models." + op + "(id) needs a model id string. Known models: " + client.models.names() + ".";
    }

    /** A call the page refuses: an engine that failed says so first, as it answers every call. */
    private JSObject refuse(String invalid) {
        return JSPromise.reject(client.failure() != null ? EngineClient.error(client.failure())
                : Js.error("LocaraError", ErrorCode.INVALID_REQUEST.wire(), invalid));
    }
}
