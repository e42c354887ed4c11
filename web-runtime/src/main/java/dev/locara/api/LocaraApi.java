package dev.locara.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.MessageEvent;
import org.teavm.jso.function.JSConsumer;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.workers.Worker;

/**
 * The page side of the engine: owns the engine worker, and is {@code window.locara}, the public
 * OpenAI-shaped API. Requests are numbered and their worker messages routed back to a listener;
 * nothing here waits, so the page never blocks while the worker computes.
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

        void onDone(String finishReason, int promptTokens, Int32Array tokens, double promptMs, double decodeMs);

        void onError(String code, String message);
    }

    /** Told once whether the engine came up. */
    public interface ReadyListener {
        void onReady(String vendor, String architecture, String description, boolean fallback);

        void onFailed(String code, String message);
    }

    private final Worker worker;
    private final List<Model> models;
    private final Map<Integer, Listener> listeners = new HashMap<>();
    private final Map<Integer, PendingReply> replies = new HashMap<>();
    private final List<EngineMessage> waitingForEngine = new ArrayList<>();
    private final List<ReadyListener> readyListeners = new ArrayList<>();
    private EngineMessage readyMessage;
    /** The model each running request names, and the one the engine last answered with (null before any). */
    private final Map<Integer, String> requestModels = new HashMap<>();
    private String loadedModel;
    private EngineMessage fatalMessage;
    private int nextId = 1;

    private LocaraApi(String workerUrl, List<Model> models) {
        this.models = List.copyOf(models);
        this.worker = new Worker(workerUrl);
        worker.onMessage(this::onMessage);
        worker.addEventListener("error", event -> failEngine("worker_failed",
                "The engine worker could not start. Reload the page; if it persists, the browser may block workers."));
    }

    /** Starts the engine worker and publishes {@code self.locara}. */
    public static LocaraApi install(String workerUrl, List<Model> models) {
        LocaraApi api = new LocaraApi(workerUrl, models);
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
        Js.install(ready, api::createFromJs, api::createChatFromJs, api::listModels,
                (id, options) -> api.storage("download", id, options),
                (file, options) -> api.storage("import", file, options),
                (request, options) -> api.storage("add", request, options),
                () -> api.storage("stored", null, null), (id, unused) -> api.storage("delete", id, null),
                api::benchmarkFromJs);
        return api;
    }

    public void whenReady(ReadyListener listener) {
        if (readyMessage != null) {
            listener.onReady(readyMessage.getVendor(), readyMessage.getArchitecture(), readyMessage.getDescription(),
                    readyMessage.isFallback());
        } else if (fatalMessage != null) {
            listener.onFailed(fatalMessage.getCode(), fatalMessage.getMessage());
        } else {
            readyListeners.add(listener);
        }
    }

    public List<Model> models() {
        return models;
    }

    /** The model the engine holds, as the page learns it from answered requests (null before any). */
    public String loadedModel() {
        return loadedModel;
    }

    /** Validates and sends a request; returns its id (for {@link #stop}) or -1 after reporting an error. */
    public int submit(CompletionParams params, Listener listener) {
        return dispatch(params.model(), listener, (id, model) -> EngineMessages.withContextLength(EngineMessages.withSampling(
                EngineMessages.generate(id, model.id(), model.url(), params.prompt(), params.maxTokens(),
                        params.sampling().temperature(), params.sampling().seed()), params.sampling(), params.stop()),
                params.contextLength()));
    }

    /** Validates and sends a chat request; returns its id (for {@link #stop}) or -1 after reporting an error. */
    public int submitChat(ChatParams params, Listener listener) {
        return dispatch(params.model(), listener, (id, model) -> EngineMessages.withContextLength(EngineMessages.withSampling(
                EngineMessages.chat(id, model.id(), model.url(), params.messagesJson(), params.maxTokens(),
                        params.sampling().temperature(), params.sampling().seed()), params.sampling(), params.stop()),
                params.contextLength()));
    }

    /** Builds a request's message for a known model on a working engine. */
    private interface RequestBuilder {
        EngineMessage build(int id, Model model);
    }

    private int dispatch(String modelId, Listener listener, RequestBuilder builder) {
        Model model = find(modelId);
        if (model.url() == null && fatalMessage != null) {
            listener.onError("model_not_found", "Unknown model '" + modelId + "'. Known models: " + knownModels() + ".");
            return -1;
        }
        if (fatalMessage != null) {
            listener.onError(fatalMessage.getCode(), fatalMessage.getMessage());
            return -1;
        }
        int id = nextId++;
        listeners.put(id, listener);
        requestModels.put(id, model.id());
        send(builder.build(id, model));
        return id;
    }

    /**
     * The manifest's model {@code id}, or else a user model (imported or added by URL) without a URL:
     * only the worker knows what is stored, and it answers model_not_found, listing manifest and
     * stored models, when it is not.
     */
    private Model find(String id) {
        for (Model m : models) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        return new Model(id, id, null);
    }

    /**
     * Measures this device with a model (see {@link BenchmarkParams}): a promise of the figures, or a
     * LocaraError. {@code onProgress}, a JS function or null, hears each step. The engine runs it after
     * whatever request is running, as it runs every request, one at a time.
     */
    public JSObject benchmark(BenchmarkParams params, JSObject onProgress) {
        return new JSPromise<JSObject>((resolve, reject) -> {
            if (fatalMessage != null) {
                reject.accept(Js.error("LocaraError", fatalMessage.getCode(), fatalMessage.getMessage()));
                return;
            }
            Model model = params.model() == null ? null : find(params.model());
            int id = nextId++;
            replies.put(id, new PendingReply(resolve, reject, onProgress));
            if (model != null) {
                requestModels.put(id, model.id());
            }
            send(EngineMessages.benchmark(id, model == null ? null : model.id(), model == null ? null : model.url(),
                    params.promptTokens(), params.decodeTokens()));
        });
    }

    /** Asks the engine to stop request {@code id}; it ends with finish_reason "abort". */
    public void stop(int id) {
        if (listeners.containsKey(id)) {
            send(EngineMessages.stop(id));
        }
    }

    private void send(EngineMessage message) {
        if (readyMessage == null) {
            waitingForEngine.add(message); // the worker installs its handler only once it is up
        } else {
            worker.postMessage(message);
        }
    }

    private String knownModels() {
        StringBuilder sb = new StringBuilder();
        for (Model m : models) {
            sb.append(sb.length() == 0 ? "" : ", ").append(m.id());
        }
        return sb.toString();
    }

    private void onMessage(MessageEvent event) {
        EngineMessage m = (EngineMessage) event.getData();
        switch (m.getType()) {
            case "ready": {
                readyMessage = m;
                for (ReadyListener l : readyListeners) {
                    l.onReady(m.getVendor(), m.getArchitecture(), m.getDescription(), m.isFallback());
                }
                readyListeners.clear();
                for (EngineMessage waiting : waitingForEngine) {
                    worker.postMessage(waiting);
                }
                waitingForEngine.clear();
                break;
            }
            case "fatal":
                failEngine(m.getCode(), m.getMessage());
                break;
            case "token": {
                Listener l = listeners.get(m.getId());
                if (l != null && Js.has(m, "reasoning")) {
                    l.onChatToken(m.getToken(), m.getText(), m.getReasoning());
                } else if (l != null) {
                    l.onToken(m.getToken(), m.getText());
                }
                break;
            }
            case "done": {
                // The engine keeps one model on the GPU: the one that just answered.
                String answered = requestModels.remove(m.getId());
                if (answered != null) {
                    loadedModel = answered;
                }
                Listener l = listeners.remove(m.getId());
                if (l != null) {
                    l.onDone(m.getFinishReason(), m.getPromptTokens(), m.getTokens(), m.getPromptMs(), m.getDecodeMs());
                }
                break;
            }
            case "progress": {
                PendingReply r = replies.get(m.getId());
                if (r != null) {
                    Js.callIfFunction(r.onProgress, m.getValue());
                }
                break;
            }
            case "reply": {
                String answered = requestModels.remove(m.getId()); // a benchmark that named its model loaded it
                if (answered != null) {
                    loadedModel = answered;
                }
                PendingReply r = replies.remove(m.getId());
                if (r != null) {
                    r.resolve.accept(m.getValue());
                }
                break;
            }
            case "error": {
                PendingReply r = replies.remove(m.getId());
                if (r != null) {
                    r.reject.accept(Js.error("LocaraError", m.getCode(), m.getMessage()));
                }
                String failed = requestModels.remove(m.getId());
                if (failed != null && !failed.equals(loadedModel)) {
                    loadedModel = null; // a switch to another model replaces the old one before it can fail
                }
                Listener l = listeners.remove(m.getId());
                if (l != null) {
                    l.onError(m.getCode(), m.getMessage());
                }
                break;
            }
            default:
                break;
        }
    }

    private void failEngine(String code, String message) {
        if (fatalMessage != null) {
            return;
        }
        fatalMessage = EngineMessages.fatal(code, message);
        for (ReadyListener l : readyListeners) {
            l.onFailed(code, message);
        }
        readyListeners.clear();
        for (PendingReply r : replies.values()) {
            r.reject.accept(Js.error("LocaraError", code, message));
        }
        replies.clear();
        List<Listener> pending = new ArrayList<>(listeners.values());
        listeners.clear();
        waitingForEngine.clear();
        for (Listener l : pending) {
            l.onError(code, message);
        }
    }

    // ---- window.locara: JS-facing entry points ------------------------------------------------

    /** A pending promise that one worker "reply" settles: models.download/import/add/stored/delete, benchmark.run. */
    private record PendingReply(JSConsumer<JSObject> resolve, JSConsumer<Object> reject, JSObject onProgress) {
    }

    /**
     * models.download(id, {onProgress, signal}), models.import(file, {onProgress, signal}),
     * models.stored(), models.delete(id): run by the worker.
     */
    private JSObject storage(String op, JSObject modelId, JSObject options) {
        return new JSPromise<JSObject>((resolve, reject) -> {
            if (fatalMessage != null) {
                reject.accept(Js.error("LocaraError", fatalMessage.getCode(), fatalMessage.getMessage()));
                return;
            }
            String model = null;
            String url = null;
            if ("add".equals(op)) {
                url = Js.modelUrl(modelId);
                if (url == null) {
                    reject.accept(Js.error("LocaraError", "invalid_request", "models.add({url, id}) needs the http(s) URL"
                            + " of a GGUF file, e.g. {url: 'https://huggingface.co/.../model.gguf'}."));
                    return;
                }
                model = Js.addedName(modelId, url);
            } else if ("import".equals(op)) {
                if (modelId == null || !Js.isBlob(modelId)) {
                    reject.accept(Js.error("LocaraError", "invalid_request", "models.import(file) needs a File or Blob,"
                            + " such as one from <input type=file> or a drop."));
                    return;
                }
            } else if (!"stored".equals(op)) {
                if (!Js.isString(modelId)) {
                    reject.accept(Js.error("LocaraError", "invalid_request", "models." + op
                            + "(id) needs a model id string. Known models: " + knownModels() + "."));
                    return;
                }
                model = Js.asString(modelId);
            }
            int id = nextId++;
            JSObject onProgress = options != null && Js.has(options, "onProgress") ? Js.get(options, "onProgress") : null;
            replies.put(id, new PendingReply(resolve, reject, onProgress));
            if (options != null && Js.has(options, "signal")) {
                Js.onAbort(Js.get(options, "signal"), () -> send(EngineMessages.stop(id)));
            }
            send("import".equals(op) ? EngineMessages.importFile(id, modelId, Js.fileName(modelId))
                    : "add".equals(op) ? EngineMessages.addUrl(id, url, model)
                    : EngineMessages.storage(id, op, model));
        });
    }

    /** models.import(file) for the page's own controls: a promise of the stored model, or a LocaraError. */
    public JSObject importModel(JSObject file) {
        return storage("import", file, null);
    }

    /** locara.benchmark.run({model, prompt_tokens, decode_tokens, onProgress}): a bad field rejects with a TypeError. */
    private JSObject benchmarkFromJs(JSObject request) {
        BenchmarkParams params;
        try {
            params = BenchmarkParams.parse(request);
        } catch (IllegalArgumentException e) {
            return JSPromise.reject(Js.error("TypeError", "invalid_request", e.getMessage()));
        }
        return benchmark(params, request != null && Js.has(request, "onProgress") ? Js.get(request, "onProgress") : null);
    }

    private JSObject listModels() {
        String[] ids = new String[models.size()];
        String[] names = new String[models.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = models.get(i).id();
            names[i] = models.get(i).name();
        }
        return Js.modelList(ids, names, loadedModel);
    }

    private JSObject createFromJs(JSObject request) {
        String requestId = "cmpl-" + nextId;
        double created = Js.nowSeconds();
        CompletionParams params;
        String invalid = null;
        try {
            params = parse(request);
        } catch (IllegalArgumentException e) {
            params = null;
            invalid = e.getMessage();
        }
        boolean stream = Js.isObject(request) && Js.isTrue(request, "stream");
        if (stream) {
            ChunkStream chunks = new ChunkStream(requestId, created, params == null ? "" : params.model());
            if (invalid != null) {
                chunks.fail(Js.error("TypeError", "invalid_request", invalid));
            } else {
                chunks.requestId = submit(params, chunks);
                watchAbort(request, chunks.requestId);
            }
            return Js.asyncIterator(chunks::next, chunks::close);
        }
        if (invalid != null) {
            return JSPromise.reject(Js.error("TypeError", "invalid_request", invalid));
        }
        CompletionParams p = params;
        JSPromise<JSObject> result = new JSPromise<>((resolve, reject) -> {
            StringBuilder text = new StringBuilder();
            int id = submit(p, new Listener() {
                @Override
                public void onToken(int token, String piece) {
                    text.append(piece);
                }

                @Override
                public void onDone(String finishReason, int promptTokens, Int32Array tokens, double promptMs, double decodeMs) {
                    resolve.accept(Js.completion(requestId, created, p.model(), text.toString(), tokens, finishReason,
                            promptTokens, promptMs, decodeMs));
                }

                @Override
                public void onError(String code, String message) {
                    reject.accept(Js.error("LocaraError", code, message));
                }
            });
            watchAbort(request, id);
        });
        return result;
    }

    private void watchAbort(JSObject request, int id) {
        if (id >= 0 && Js.has(request, "signal")) {
            Js.onAbort(Js.get(request, "signal"), () -> stop(id));
        }
    }

    /** The optional context_length: how many tokens the KV cache holds (0 when not given). */
    static int contextLength(JSObject r) {
        if (!Js.has(r, "context_length")) {
            return 0;
        }
        double v = Js.number(r, "context_length");
        if (!(v >= CompletionParams.MIN_CONTEXT && v <= CompletionParams.MAX_CONTEXT) || v != Math.floor(v)) {
            throw new IllegalArgumentException("'context_length' must be an integer from " + CompletionParams.MIN_CONTEXT
                    + " to " + CompletionParams.MAX_CONTEXT + "; the engine bounds it by the model's own context.");
        }
        return (int) v;
    }

    private CompletionParams parse(JSObject r) {
        if (!Js.isObject(r)) {
            throw new IllegalArgumentException("completions.create needs a request object such as"
                    + " {model: 'stories260k', prompt: 'Once upon a time', max_tokens: 64}.");
        }
        if (!Js.has(r, "model") || !Js.typeOf(r, "model").equals("string")) {
            throw new IllegalArgumentException("'model' is required and must be a string. Known models: " + knownModels() + ".");
        }
        if (!Js.has(r, "prompt") || !Js.typeOf(r, "prompt").equals("string")) {
            throw new IllegalArgumentException("'prompt' is required and must be a string.");
        }
        int maxTokens = CompletionParams.DEFAULT_MAX_TOKENS;
        if (Js.has(r, "max_tokens")) {
            double v = Js.number(r, "max_tokens");
            if (!(v >= 0 && v <= CompletionParams.MAX_TOKENS_LIMIT) || v != Math.floor(v)) {
                throw new IllegalArgumentException("'max_tokens' must be an integer from 0 to " + CompletionParams.MAX_TOKENS_LIMIT + ".");
            }
            maxTokens = (int) v;
        }
        return new CompletionParams(Js.string(r, "model"), Js.string(r, "prompt"), maxTokens,
                SamplingRequest.parse(r, CompletionParams.DEFAULT_TEMPERATURE), SamplingRequest.stop(r), contextLength(r));
    }

    // ---- window.locara.chat.completions -------------------------------------------------------

    private JSObject createChatFromJs(JSObject request) {
        String requestId = "chatcmpl-" + nextId;
        double created = Js.nowSeconds();
        ChatParams params;
        String invalid = null;
        try {
            params = parseChat(request);
        } catch (IllegalArgumentException e) {
            params = null;
            invalid = e.getMessage();
        }
        if (Js.isObject(request) && Js.isTrue(request, "stream")) {
            ChunkStream chunks = new ChunkStream(requestId, created, params == null ? "" : params.model());
            if (invalid != null) {
                chunks.fail(Js.error("TypeError", "invalid_request", invalid));
            } else {
                chunks.requestId = submitChat(params, new ChatStream(chunks, requestId, created, params.model()));
                watchAbort(request, chunks.requestId);
            }
            return Js.asyncIterator(chunks::next, chunks::close);
        }
        if (invalid != null) {
            return JSPromise.reject(Js.error("TypeError", "invalid_request", invalid));
        }
        ChatParams p = params;
        return new JSPromise<JSObject>((resolve, reject) -> {
            StringBuilder content = new StringBuilder();
            StringBuilder reasoning = new StringBuilder();
            int id = submitChat(p, new Listener() {
                @Override
                public void onToken(int token, String piece) {
                    content.append(piece);
                }

                @Override
                public void onChatToken(int token, String contentPiece, String reasoningPiece) {
                    content.append(contentPiece);
                    reasoning.append(reasoningPiece);
                }

                @Override
                public void onDone(String finishReason, int promptTokens, Int32Array tokens, double promptMs, double decodeMs) {
                    resolve.accept(Js.chatCompletion(requestId, created, p.model(), content.toString(),
                            reasoning.length() == 0 ? null : reasoning.toString(), finishReason, promptTokens, tokens.getLength()));
                }

                @Override
                public void onError(String code, String message) {
                    reject.accept(Js.error("LocaraError", code, message));
                }
            });
            watchAbort(request, id);
        });
    }

    private ChatParams parseChat(JSObject r) {
        if (!Js.isObject(r)) {
            throw new IllegalArgumentException("chat.completions.create needs a request object such as {model: 'stories260k',"
                    + " messages: [{role: 'user', content: 'Hello'}]}.");
        }
        if (!Js.has(r, "model") || !Js.typeOf(r, "model").equals("string")) {
            throw new IllegalArgumentException("'model' is required and must be a string. Known models: " + knownModels() + ".");
        }
        String messagesError = Js.chatMessagesError(r);
        if (messagesError != null) {
            throw new IllegalArgumentException(messagesError);
        }
        int maxTokens = ChatParams.DEFAULT_MAX_TOKENS;
        if (Js.has(r, "max_tokens")) {
            double v = Js.number(r, "max_tokens");
            if (!(v >= 0 && v <= CompletionParams.MAX_TOKENS_LIMIT) || v != Math.floor(v)) {
                throw new IllegalArgumentException("'max_tokens' must be an integer from 0 to " + CompletionParams.MAX_TOKENS_LIMIT + ".");
            }
            maxTokens = (int) v;
        }
        return new ChatParams(Js.string(r, "model"), Js.stringify(Js.get(r, "messages")), maxTokens,
                SamplingRequest.parse(r, CompletionParams.DEFAULT_TEMPERATURE), SamplingRequest.stop(r), contextLength(r));
    }

    /** Turns a chat's tokens into chat.completion.chunk objects on a {@link ChunkStream}'s queue. */
    private final class ChatStream implements Listener {
        private final ChunkStream queue;
        private final String id;
        private final double created;
        private final String model;
        private boolean sentRole;

        ChatStream(ChunkStream queue, String id, double created, String model) {
            this.queue = queue;
            this.id = id;
            this.created = created;
            this.model = model;
        }

        @Override
        public void onToken(int token, String text) {
            onChatToken(token, text, "");
        }

        @Override
        public void onChatToken(int token, String content, String reasoning) {
            if (queue.finished) {
                return;
            }
            if (!sentRole) { // OpenAI's first chunk names the role
                sentRole = true;
                queue.push(Js.chatChunk(id, created, model, "assistant", "", null, null, -1, -1));
            }
            if (!content.isEmpty() || !reasoning.isEmpty()) {
                queue.push(Js.chatChunk(id, created, model, null, content.isEmpty() ? null : content,
                        reasoning.isEmpty() ? null : reasoning, null, -1, -1));
            }
        }

        @Override
        public void onDone(String finishReason, int promptTokens, Int32Array tokens, double promptMs, double decodeMs) {
            if (!queue.finished) {
                queue.end(Js.chatChunk(id, created, model, null, null, null, finishReason, promptTokens, tokens.getLength()));
            }
        }

        @Override
        public void onError(String code, String message) {
            queue.fail(Js.error("LocaraError", code, message));
        }
    }

    /** The async iterator behind {@code stream: true}: chunks queue until the caller pulls them. */
    private final class ChunkStream implements Listener {
        private final String id;
        private final double created;
        private final String model;
        private final ArrayDeque<JSObject> ready = new ArrayDeque<>();
        private JSConsumer<JSObject> waitingResolve;
        private JSConsumer<Object> waitingReject;
        private JSObject failure;
        private boolean finished;
        int requestId = -1;

        ChunkStream(String id, double created, String model) {
            this.id = id;
            this.created = created;
            this.model = model;
        }

        JSObject next() {
            return new JSPromise<JSObject>((resolve, reject) -> {
                if (!ready.isEmpty()) {
                    resolve.accept(Js.iteration(ready.poll(), false));
                } else if (failure != null) {
                    reject.accept(failure);
                } else if (finished) {
                    resolve.accept(Js.iteration(null, true));
                } else {
                    waitingResolve = resolve;
                    waitingReject = reject;
                }
            });
        }

        /** Called by {@code for await} when the caller breaks out early: stop generating. */
        JSObject close() {
            if (!finished) {
                stop(requestId);
                finished = true;
                ready.clear();
            }
            return JSPromise.resolve(Js.iteration(null, true));
        }

        private void push(JSObject chunk) {
            if (waitingResolve != null) {
                JSConsumer<JSObject> r = waitingResolve;
                waitingResolve = null;
                waitingReject = null;
                r.accept(Js.iteration(chunk, false));
            } else {
                ready.add(chunk);
            }
        }

        void fail(JSObject error) {
            failure = error;
            finished = true;
            if (waitingReject != null) {
                JSConsumer<Object> r = waitingReject;
                waitingResolve = null;
                waitingReject = null;
                r.accept(error);
            }
        }

        @Override
        public void onToken(int token, String text) {
            if (!finished) {
                push(Js.chunk(id, created, model, text, token));
            }
        }

        @Override
        public void onDone(String finishReason, int promptTokens, Int32Array tokens, double promptMs, double decodeMs) {
            if (finished) {
                return;
            }
            end(Js.lastChunk(id, created, model, finishReason, promptTokens, tokens.getLength(), promptMs, decodeMs));
        }

        /** Queues the last chunk and ends the iteration after it. */
        void end(JSObject last) {
            push(last);
            finished = true;
            if (waitingResolve != null) {
                JSConsumer<JSObject> r = waitingResolve;
                waitingResolve = null;
                r.accept(Js.iteration(null, true));
            }
        }

        @Override
        public void onError(String code, String message) {
            fail(Js.error("LocaraError", code, message));
        }
    }
}
