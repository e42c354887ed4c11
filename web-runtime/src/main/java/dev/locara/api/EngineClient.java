package dev.locara.api;

import dev.locara.protocol.ErrorCode;
import dev.locara.protocol.Failure;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.dom.events.MessageEvent;
import org.teavm.jso.workers.Worker;

/**
 * The page's side of the engine worker: numbers requests, posts them (held until the worker says
 * it is up: it listens only then), and routes each reply to the handler of the request it answers.
 * Nothing here waits, so the page never blocks while the worker computes.
 */
final class EngineClient implements Reply.Handler {
    /** One request's replies; exactly one of done, result and failed ends it. Kinds a request never gets are ignored. */
    abstract static class Pending implements Reply.Handler {
        @Override
        public final void ready(Reply.Ready r) {
        }

        @Override
        public final void fatal(Reply.Fatal r) {
        }

        @Override
        public void token(Reply.Token r) {
        }

        @Override
        public void chatToken(Reply.ChatToken r) {
        }

        @Override
        public void done(Reply.Done r) {
        }

        @Override
        public void progress(Reply.Progress r) {
        }

        @Override
        public void stage(Reply.Stage r) {
        }

        @Override
        public void loading(Reply.Loading r) {
        }

        @Override
        public void result(Reply.Result r) {
        }
    }

    private static final Pending IGNORED = new Pending() {
        @Override
        public void failed(Reply.Failed r) {
        }
    };

    private final Worker worker;
    /** models.verify goes to a worker of its own, so a check never holds back the engine's queue. */
    final StoreCheckChannel store;
    final KnownModels models;
    private final Map<Integer, Pending> pending = new HashMap<>();
    /** The model each running request names, and the one the engine last answered with (null before any). */
    private final Map<Integer, String> requestModels = new HashMap<>();
    private final List<JSObject> waitingForEngine = new ArrayList<>();
    private final List<LocaraApi.ReadyListener> readyListeners = new ArrayList<>();
    private Reply.Ready ready;
    private Failure fatal;
    private String loadedModel;
    private int nextId = 1;

    EngineClient(String workerUrl, KnownModels models) {
        this.models = models;
        this.worker = new Worker(workerUrl);
        worker.onMessage(this::onMessage);
        this.store = new StoreCheckChannel(workerUrl, reply -> Reply.dispatch(reply, this), this::checksFailed,
                this::removedFromStorage);
        worker.addEventListener("error", event -> fail(new Failure(ErrorCode.WORKER_FAILED,
                "The engine worker could not start. Reload the page; if it persists, the browser may block workers.")));
    }

    void whenReady(LocaraApi.ReadyListener listener) {
        if (ready != null) {
            listener.onReady(ready.vendor(), ready.architecture(), ready.description(), ready.fallback());
        } else if (fatal != null) {
            listener.onFailed(fatal.code().wire(), fatal.message());
        } else {
            readyListeners.add(listener);
        }
    }

    /** Why the engine cannot serve anything, or null while it can. */
    Failure failure() {
        return fatal;
    }

    /** The model the engine holds, as the page learns it from answered requests (null before any). */
    String loadedModel() {
        return loadedModel;
    }

    /** The id the next request gets (OpenAI-style response ids are made from it before sending). */
    int peekId() {
        return nextId;
    }

    /**
     * Sends the request {@code build} makes with the next id; {@code handler} hears its replies.
     * {@code model}, when not null, is the model it names: answered, it is the one the engine holds.
     */
    int send(IntFunction<Request> build, String model, Pending handler) {
        int id = nextId++;
        pending.put(id, handler);
        if (model != null) {
            requestModels.put(id, model);
        }
        post(build.apply(id));
        return id;
    }

    /** Makes a completion or chat request from its id and the URL of the model it names. */
    interface Generation {
        Request build(int id, String url);
    }

    /**
     * Sends a completion or chat for {@code modelId}: returns its id (for {@link #stop}), or -1
     * after telling {@code listener} why the engine cannot take it.
     */
    int submit(String modelId, LocaraApi.Listener listener, Generation build) {
        LocaraApi.Model model = models.find(modelId);
        if (model.url() == null && fatal != null) {
            listener.onError(new Failure(ErrorCode.MODEL_NOT_FOUND,
                    "Unknown model '" + modelId + "'. Known models: " + models.names() + "."));
            return -1;
        }
        if (fatal != null) {
            listener.onError(fatal);
            return -1;
        }
        return send(id -> build.build(id, model.url()), model.id(), new Pending() {
            @Override
            public void token(Reply.Token r) {
                listener.onToken(r.token(), r.text());
            }

            @Override
            public void chatToken(Reply.ChatToken r) {
                listener.onChatToken(r.token(), r.content(), r.reasoning());
            }

            @Override
            public void loading(Reply.Loading r) {
                listener.onLoading(r);
            }

            @Override
            public void done(Reply.Done r) {
                listener.onDone(r);
            }

            @Override
            public void failed(Reply.Failed r) {
                listener.onError(r.failure());
            }
        });
    }

    /**
     * Sends a storage or benchmark request: a promise of its result, or of a LocaraError.
     * {@code onProgress} (a JS function or null) hears each progress report; aborting
     * {@code signal} (or null) stops the request.
     */
    JSObject ask(IntFunction<Request> build, String model, JSObject onProgress, JSObject signal) {
        return new JSPromise<JSObject>((resolve, reject) -> {
            if (fatal != null) {
                reject.accept(error(fatal));
                return;
            }
            int id = send(build, model, new Pending() {
                @Override
                public void progress(Reply.Progress r) {
                    Js.callIfFunction(onProgress, Js.downloadProgress(r.loaded(), r.total(), r.bytesPerSecond(),
                            r.secondsLeft()));
                }

                @Override
                public void stage(Reply.Stage r) {
                    Js.callIfFunction(onProgress, Js.stageProgress(r.stage(), r.step(), r.steps(), r.text()));
                }

                @Override
                public void loading(Reply.Loading r) {
                    Js.callIfFunction(onProgress, Js.loadProgress(r.stage(), r.progress(), r.elapsedMs() / 1000,
                            r.text(), r.loaded(), r.total()));
                }

                @Override
                public void result(Reply.Result r) {
                    resolve.accept(Js.parseJson(r.value()));
                }

                @Override
                public void failed(Reply.Failed r) {
                    reject.accept(error(r.failure()));
                }
            });
            if (signal != null) {
                Js.onAbort(signal, () -> stop(id));
            }
        });
    }

    /** The LocaraError a promise rejects with. */
    static JSObject error(Failure f) {
        return Js.error("LocaraError", f.code().wire(), f.message());
    }

    /** The TypeError a request with a bad field rejects with. */
    static JSObject invalid(String message) {
        return Js.error("TypeError", ErrorCode.INVALID_REQUEST.wire(), message);
    }

    /** Asks the engine to stop request {@code id} if it is still running. */
    void stop(int id) {
        if (pending.containsKey(id)) {
            post(new Request.Stop(id));
        }
    }

    private void post(Request r) {
        if (r instanceof Request.Verify v) {
            store.post(v);
            return;
        }
        if (r instanceof Request.Download d) {
            store.writing(r.id(), d.model());
        } else if (r instanceof Request.Delete d) {
            store.writing(r.id(), d.model());
        } else if (r instanceof Request.Import || r instanceof Request.Add) {
            store.writing(r.id(), null);
        }
        JSObject message = JsMessages.encode(r);
        if (ready == null) {
            waitingForEngine.add(message);
        } else {
            worker.postMessage(message);
        }
    }

    private void onMessage(MessageEvent event) {
        Reply reply;
        try {
            reply = Reply.read(JsMessages.fields(event.getData()));
        } catch (IllegalArgumentException e) {
            warn("Locara: a message from the engine did not read: " + e.getMessage());
            return;
        }
        Reply.dispatch(reply, this);
    }

    @Override
    public void ready(Reply.Ready r) {
        ready = r;
        for (LocaraApi.ReadyListener l : readyListeners) {
            l.onReady(r.vendor(), r.architecture(), r.description(), r.fallback());
        }
        readyListeners.clear();
        for (JSObject waiting : waitingForEngine) {
            worker.postMessage(waiting);
        }
        waitingForEngine.clear();
    }

    @Override
    public void fatal(Reply.Fatal r) {
        fail(r.failure());
    }

    @Override
    public void token(Reply.Token r) {
        running(r.id()).token(r);
    }

    @Override
    public void chatToken(Reply.ChatToken r) {
        running(r.id()).chatToken(r);
    }

    @Override
    public void progress(Reply.Progress r) {
        running(r.id()).progress(r);
    }

    @Override
    public void stage(Reply.Stage r) {
        running(r.id()).stage(r);
    }

    @Override
    public void loading(Reply.Loading r) {
        running(r.id()).loading(r);
    }

    @Override
    public void done(Reply.Done r) {
        answered(r.id()).done(r);
    }

    @Override
    public void result(Reply.Result r) {
        store.answered(r.id(), r.value());
        answered(r.id()).result(r); // a benchmark that named its model loaded it
    }

    @Override
    public void failed(Reply.Failed r) {
        store.failedRequest(r.id());
        String failedModel = requestModels.remove(r.id());
        if (failedModel != null && !failedModel.equals(loadedModel)) {
            loadedModel = null; // a switch to another model replaces the old one before it can fail
        }
        Pending p = pending.remove(r.id());
        (p == null ? IGNORED : p).failed(r);
    }

    /** The store check removed {@code model}'s bytes: the engine must not go on serving its copy on the GPU. */
    private void removedFromStorage(String model) {
        if (model.equals(loadedModel)) {
            loadedModel = null;
        }
        send(id -> new Request.Forget(id, model), null, IGNORED);
    }

    /** The store check worker cannot run: the checks still open fail with why. */
    private void checksFailed(Failure f) {
        for (int id : store.open()) {
            failed(new Reply.Failed(id, f));
        }
    }

    /** The handler of request {@code id}; one that has ended (or was never sent) hears nothing. */
    private Pending running(int id) {
        Pending p = pending.get(id);
        return p == null ? IGNORED : p;
    }

    /** Request {@code id} succeeded: the engine keeps one model on the GPU, the one that just answered. */
    private Pending answered(int id) {
        String model = requestModels.remove(id);
        if (model != null) {
            loadedModel = model;
        }
        Pending p = pending.remove(id);
        return p == null ? IGNORED : p;
    }

    private void fail(Failure failure) {
        if (fatal != null) {
            return;
        }
        fatal = failure;
        for (LocaraApi.ReadyListener l : readyListeners) {
            l.onFailed(failure.code().wire(), failure.message());
        }
        readyListeners.clear();
        Map<Integer, Pending> failed = new HashMap<>(pending);
        pending.clear();
        requestModels.clear();
        waitingForEngine.clear();
        for (Map.Entry<Integer, Pending> e : failed.entrySet()) {
            e.getValue().failed(new Reply.Failed(e.getKey(), failure));
        }
    }

    @org.teavm.jso.JSBody(params = "message", script = "console.warn(message);")
    private static native void warn(String message);
}
