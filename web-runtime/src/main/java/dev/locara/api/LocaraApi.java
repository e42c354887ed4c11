package dev.locara.api;

import dev.locara.protocol.BenchmarkParams;
import dev.locara.protocol.ChatParams;
import dev.locara.protocol.CompletionParams;
import dev.locara.protocol.Failure;
import dev.locara.protocol.Reply;
import java.util.List;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * {@code window.locara}, the public OpenAI-shaped API, and the page's own way to the engine: a
 * thin client of the engine worker ({@link EngineClient}) with one class per endpoint.
 */
public final class LocaraApi {
    /** A named model and the URL its file is served from (null: a user model, only in browser storage). */
    public record Model(String id, String name, String url) {
    }

    /** Receives one request's stream; exactly one of onDone and onError ends it. */
    public interface Listener {
        void onToken(int token, String text);

        /** A chat token: answer text and think-block text apart (completions listeners see only the answer). */
        default void onChatToken(int token, String content, String reasoning) {
            onToken(token, content);
        }

        /** The model is loading first (only when it was not on the GPU already with this context). */
        default void onLoading(Reply.Loading loading) {
        }

        void onDone(Reply.Done done);

        void onError(Failure failure);
    }

    /** Told once whether the engine came up. */
    public interface ReadyListener {
        void onReady(String vendor, String architecture, String description, boolean fallback);

        void onFailed(String code, String message);
    }

    private final EngineClient client;
    private final Completions completions;
    private final ChatCompletions chat;
    private final ModelsEndpoint storage;
    private final BenchmarkEndpoint benchmark;

    private LocaraApi(EngineClient client) {
        this.client = client;
        this.completions = new Completions(client);
        this.chat = new ChatCompletions(client);
        this.storage = new ModelsEndpoint(client);
        this.benchmark = new BenchmarkEndpoint(client);
    }

    /** Starts the engine worker and publishes {@code self.locara}. */
    public static LocaraApi install(String workerUrl, List<Model> models) {
        LocaraApi api = new LocaraApi(new EngineClient(workerUrl, new KnownModels(models)));
        ChatCompletions chat = api.chat;
        JSPromise<JSObject> ready = new JSPromise<>((resolve, reject) -> api.whenReady(new ReadyListener() {
            @Override
            public void onReady(String vendor, String architecture, String description, boolean fallback) {
                resolve.accept(Js.engineInfo(vendor, architecture, description, fallback));
            }

            @Override
            public void onFailed(String code, String message) {
                reject.accept(Js.error("LocaraError", code, message));
            }
        }));
        ModelsEndpoint m = api.storage;
        Js.install(ready, api.completions::create, chat::create, m::list, m::download, m::importFile, m::add, m::stored,
                (id, unused) -> m.delete(id), m::verify, m::load, api.benchmark::run, new EmbeddingsEndpoint(api.client)::create);
        return api;
    }

    public void whenReady(ReadyListener listener) {
        client.whenReady(listener);
    }

    public List<Model> models() {
        return client.models.all();
    }

    /** The model the engine holds, as the page learns it from answered requests (null before any). */
    public String loadedModel() {
        return client.loadedModel();
    }

    /** Sends a completion; returns its id (for {@link #stop}) or -1 after reporting an error to the listener. */
    public int submit(CompletionParams params, Listener listener) {
        return completions.submit(params, listener);
    }

    /**
     * Sends a chat completion, as chat.completions.create with stream: true does; the page's chat uses
     * this with the same validated {@link ChatParams} the public API builds. Returns its id or -1.
     */
    public int submitChat(ChatParams params, Listener listener) {
        return chat.submit(params, listener);
    }

    /** Checks a chat.completions request given as JSON text, exactly as the public API does. */
    public ChatParams chatParams(String requestJson) {
        return ChatParams.parse(requestJson, client.models.names());
    }

    /** Asks the engine to stop request {@code id}; it ends with finish_reason "abort". */
    public void stop(int id) {
        client.stop(id);
    }

    /** benchmark.run for the page's panel: a promise of the figures, or a LocaraError. */
    public JSObject benchmark(BenchmarkParams params, JSObject onProgress) {
        return benchmark.run(params, onProgress);
    }

    /**
     * models.download(id, {onProgress, signal}) for the page's model manager: a promise of the stored
     * model, or a LocaraError (download_cancelled when {@code signal}, an AbortSignal or null, aborts).
     */
    public JSObject download(String id, JSObject onProgress, JSObject signal) {
        return storage.download(id, onProgress, signal);
    }

    /** models.stored(): a promise of {data: [{id, file, bytes, last_used, pinned, sha256}], total_bytes}. */
    public JSObject stored() {
        return storage.stored();
    }

    /** models.delete(id): a promise of {id, deleted: true}, or a LocaraError. */
    public JSObject delete(String id) {
        return storage.delete(id);
    }

    /** models.verify({onProgress}): a promise of {data: [{id, state, bytes, expected_bytes, hash_ms, message}]}. */
    public JSObject verify(JSObject onProgress) {
        return storage.verify(onProgress, null);
    }

    /**
     * models.load(id, {onProgress, context_length}) for the page: a promise of {id, loaded, context_length,
     * load_ms}, or a LocaraError; {@code onProgress} hears {stage, progress, timeElapsed, text, loaded, total}.
     */
    public JSObject load(String id, int contextLength, JSObject onProgress) {
        return storage.load(id, contextLength, onProgress);
    }

    /** models.import(file) for the page's own controls: a promise of the stored model, or a LocaraError. */
    public JSObject importModel(JSObject file) {
        return storage.importFile(file, null);
    }
}
