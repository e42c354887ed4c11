package dev.locara.app;

import dev.locara.api.EngineMessage;
import dev.locara.api.EngineMessages;
import dev.locara.cache.ModelCatalog;
import dev.locara.cache.ModelRef;
import dev.locara.cache.ModelStore;
import dev.locara.cache.ModelUnavailableException;
import dev.locara.cache.OpfsSource;
import dev.locara.cache.StorageException;
import dev.locara.cache.UnknownModelException;
import dev.locara.chat.ChatPrompt;
import dev.locara.chat.ChatTemplate;
import dev.locara.chat.ReasoningSplitter;
import dev.locara.chat.TemplateException;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.engine.ModelBenchmark;
import dev.locara.gguf.GgufException;
import dev.locara.gpu.AdapterInfo;
import dev.locara.gpu.DeviceLimits;
import dev.locara.gpu.DeviceProbes;
import dev.locara.gpu.InsufficientGpuMemoryException;
import dev.locara.gpu.KernelCompileException;
import dev.locara.gpu.WebGpu;
import dev.locara.gpu.WebGpuUnavailableException;
import dev.locara.js.JsException;
import dev.locara.model.LanguageModel;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * The engine, running in a dedicated Web Worker (no DOM here). It opens the WebGPU device, says
 * "ready", then serves one request at a time: loading a model on first use (its tensors streamed
 * from the server into GPU buffers) and streaming tokens back as they are sampled.
 */
public final class EngineWorker {
    /** Context the KV cache is sized for when a request names none (bounded by the model's own). */
    private static final int DEFAULT_CONTEXT = 2048;

    private static final String KERNELS = "kernels/";

    /**
     * The model on the GPU: its name, the context asked for, its generator, its chat template and the
     * weight bytes one decode step reads (for the benchmark's bandwidth).
     */
    private record Loaded(String name, int requested, Generator generator, ChatPrompt chat, long weightBytesPerToken) {
    }

    private WebGpu gpu;
    private final Inbox inbox;
    private Loaded current;
    /** Whether the device holds a model's buffers (also after a failed or forgotten load). */
    private boolean deviceInUse;

    private EngineWorker(WebGpu gpu, Inbox inbox) {
        this.gpu = gpu;
        this.inbox = inbox;
    }

    public static void main(String[] args) {
        Inbox inbox = new Inbox();
        WebGpu gpu;
        try {
            gpu = WebGpu.open(KERNELS);
        } catch (WebGpuUnavailableException e) {
            post(EngineMessages.fatal("webgpu_unavailable", e.getMessage()));
            return;
        } catch (RuntimeException e) {
            post(EngineMessages.fatal("gpu_error", "The GPU could not be set up: " + e.getMessage()));
            return;
        }
        AdapterInfo a = gpu.info();
        post(EngineMessages.ready(a.vendor(), a.architecture(), a.description(), a.fallback()));
        new EngineWorker(gpu, inbox).serve();
    }

    private void serve() {
        while (true) {
            EngineMessage m = inbox.next();
            if ("generate".equals(m.getType()) || "chat".equals(m.getType())) {
                generate(m);
            } else if ("benchmark".equals(m.getType())) {
                benchmark(m);
            } else if ("storage".equals(m.getType())) {
                storage(m);
            }
        }
    }

    private void generate(EngineMessage m) {
        int id = m.getId();
        try {
            Loaded model = model(m.getModel(), m.getUrl(), EngineMessages.contextLength(m));
            boolean chat = "chat".equals(m.getType());
            ChatPrompt.Rendered rendered = chat ? model.chat().render(ChatTemplate.parseMessages(m.getMessages())) : null;
            ReasoningSplitter split = !chat ? null
                    : rendered.opensReasoning() ? ReasoningSplitter.startedInReasoning() : new ReasoningSplitter();
            double start = now();
            double[] firstToken = {-1};
            CompletionRequest request = new CompletionRequest(chat ? "" : m.getPrompt(), m.getMaxTokens(),
                    EngineMessages.sampling(m), EngineMessages.stop(m));
            Generator.TokenSink sink = (token, text) -> {
                if (firstToken[0] < 0) {
                    firstToken[0] = now();
                }
                if (split == null) {
                    post(EngineMessages.token(id, token, text));
                } else {
                    ReasoningSplitter.Delta d = split.push(text);
                    post(EngineMessages.chatToken(id, token, d.content(), d.reasoning()));
                }
            };
            Completion done = chat ? model.generator().generate(rendered.tokens(), request, sink, () -> inbox.isStopped(id))
                    : model.generator().generate(request, sink, () -> inbox.isStopped(id));
            if (split != null) {
                ReasoningSplitter.Delta rest = split.flush();
                if (!rest.isEmpty()) {
                    post(EngineMessages.chatToken(id, -1, rest.content(), rest.reasoning()));
                }
            }
            double end = now();
            double promptMs = (firstToken[0] < 0 ? end : firstToken[0]) - start;
            double decodeMs = firstToken[0] < 0 ? 0 : end - firstToken[0];
            Int32Array tokens = new Int32Array(done.tokens().length);
            for (int i = 0; i < done.tokens().length; i++) {
                tokens.set(i, done.tokens()[i]);
            }
            post(EngineMessages.done(id, done.finishReason(), done.promptTokens().length, tokens, promptMs, decodeMs));
        } catch (RuntimeException e) {
            postFailure(id, e);
        } finally {
            inbox.forget(id);
        }
    }

    /**
     * Answers a failed generate, chat or benchmark request with a typed error: a code the caller can
     * branch on and a message that says what to do.
     */
    private static void postFailure(int id, RuntimeException e) {
        String code;
        String message = e.getMessage();
        if (e instanceof GgufException) {
            code = "invalid_model";
        } else if (e instanceof InsufficientGpuMemoryException) {
            code = "insufficient_gpu_memory";
        } else if (e instanceof ModelUnavailableException) {
            code = "model_unavailable";
        } else if (e instanceof UnknownModelException) {
            code = "model_not_found";
        } else if (e instanceof StorageException) {
            code = ((StorageException) e).code();
        } else if (e instanceof IllegalArgumentException || e instanceof TemplateException) {
            // TemplateException: the model's template refused these messages (e.g. a system role Gemma
            // does not take) or failed on them.
            code = "invalid_request";
        } else if (e instanceof KernelCompileException || e instanceof JsException || e instanceof IllegalStateException) {
            code = "gpu_error";
        } else {
            // A bug of ours: still answer, so the caller's promise settles instead of hanging.
            code = "internal_error";
            message = "Locara failed unexpectedly (" + e + "). Please report this.";
        }
        post(EngineMessages.error(id, code, message));
    }

    /**
     * Measures this device with a model: the adapter's limits ({@link DeviceProbes}), then the
     * model's prompt and decode speed ({@link ModelBenchmark}), with a progress message per step.
     * A benchmark asked for while a generation runs is not refused: it queues behind it, like every
     * request (the engine serves one at a time), so neither run's timing includes the other's work.
     */
    private void benchmark(EngineMessage m) {
        int id = m.getId();
        int steps = 4;
        try {
            Loaded model;
            if (m.getModel() == null) {
                if (current == null) {
                    post(EngineMessages.error(id, "model_not_loaded", "No model is loaded to measure with: name one,"
                            + " e.g. locara.benchmark.run({model: 'stories260k'})."));
                    return;
                }
                model = current;
            } else if (current != null && current.name().equals(m.getModel())) {
                model = current; // measured as loaded, whatever context it was loaded with
            } else {
                post(EngineMessages.stage(id, "load", 1, steps, "Loading " + m.getModel() + "…"));
                model = model(m.getModel(), m.getUrl(), 0);
            }
            LanguageModel lm = model.generator().model();
            ModelBenchmark.Lengths lengths = ModelBenchmark.Lengths.fit(lm.contextLength(), m.getPromptTokens(),
                    m.getDecodeTokens());
            DeviceLimits limits = DeviceProbes.measure(gpu, probe -> post(EngineMessages.stage(id, "limits", 2, steps,
                    "Measuring this device's limits (" + probe + " probe)…")));
            // The probes' buffers are released by now: this is the model's own memory.
            long gpuBytes = gpu.buffers().allocatedBytes();
            ModelBenchmark bench = new ModelBenchmark(lm, EngineWorker::now);
            post(EngineMessages.stage(id, "prompt", 3, steps, "Processing a " + lengths.promptTokens() + "-token prompt…"));
            ModelBenchmark.Timing prompt = bench.prompt(ModelBenchmark.promptTokens(model.generator().tokenizer(),
                    lengths.promptTokens()));
            post(EngineMessages.stage(id, "decode", 4, steps, "Generating " + lengths.decodeTokens()
                    + " tokens, greedy, then again with every token's logits read back…"));
            ModelBenchmark.Timing decode = bench.decode(lengths.decodeTokens());
            ModelBenchmark.Timing withLogits = bench.decodeWithLogits(lengths.decodeTokens());
            gpu.throwIfFailed();
            AdapterInfo a = gpu.info();
            post(EngineMessages.reply(id, BenchmarkReply.of(model.name(), lm.contextLength(), a, limits, prompt, decode,
                    withLogits, model.weightBytesPerToken(), gpuBytes)));
        } catch (RuntimeException e) {
            postFailure(id, e);
        } finally {
            inbox.forget(id);
        }
    }

    /** models.download / import / stored / delete, run here because only a worker has synchronous OPFS writes. */
    private void storage(EngineMessage m) {
        int id = m.getId();
        try {
            ModelStore store = ModelStore.open();
            switch (m.getOp()) {
                case "download": {
                    ModelRef model = ModelCatalog.byId(m.getModel());
                    store.download(model,
                            (loaded, total, rate, left) -> post(EngineMessages.progress(id, loaded, total, rate, left)),
                            () -> inbox.isStopped(id));
                    post(EngineMessages.reply(id, StorageReplies.downloaded(model.id(), model.bytes(), model.sha256())));
                    break;
                }
                case "import": {
                    ModelStore.Imported model = store.importFile(m.getFile(), m.getModel(),
                            (loaded, total, rate, left) -> post(EngineMessages.progress(id, loaded, total, rate, left)),
                            () -> inbox.isStopped(id));
                    if (current != null && current.name().equals(model.id())) {
                        current = null; // a re-imported user model may have new bytes under the same id
                    }
                    post(EngineMessages.reply(id, StorageReplies.imported(model.id(), model.file(), model.bytes(),
                            model.sha256(), model.pinned())));
                    break;
                }
                case "add": {
                    ModelStore.Imported model = store.importUrl(m.getUrl(), m.getModel(),
                            (loaded, total, rate, left) -> post(EngineMessages.progress(id, loaded, total, rate, left)),
                            () -> inbox.isStopped(id));
                    if (current != null && current.name().equals(model.id())) {
                        current = null; // a re-added user model may have new bytes under the same id
                    }
                    post(EngineMessages.reply(id, StorageReplies.imported(model.id(), model.file(), model.bytes(),
                            model.sha256(), model.pinned())));
                    break;
                }
                case "delete": {
                    String name = m.getModel();
                    if (store.user(name) != null) {
                        store.deleteUser(name);
                    } else {
                        store.delete(ModelCatalog.byId(name));
                    }
                    if (current != null && current.name().equals(name)) {
                        current = null; // its weights stay on the GPU until the next load replaces the device
                    }
                    post(EngineMessages.reply(id, StorageReplies.deleted(name)));
                    break;
                }
                default: {
                    List<ModelStore.Stored> stored = store.list();
                    JSArray<JSObject> data = new JSArray<>();
                    long total = 0;
                    for (ModelStore.Stored s : stored) {
                        data.push(StorageReplies.storedModel(s.id(), s.file(), s.bytes(), s.lastUsed(), s.pinned(),
                                s.sha256()));
                        total += s.bytes();
                    }
                    post(EngineMessages.reply(id, StorageReplies.storedList(data, total)));
                    break;
                }
            }
        } catch (StorageException e) {
            post(EngineMessages.error(id, e.code(), e.getMessage()));
        } catch (UnknownModelException e) {
            post(EngineMessages.error(id, "model_not_found", e.getMessage()));
        } catch (ModelUnavailableException e) {
            post(EngineMessages.error(id, "model_unavailable", e.getMessage()));
        } catch (JsException e) {
            post(EngineMessages.error(id, "storage_error", "Browser storage failed: " + e.getMessage()));
        } catch (RuntimeException e) {
            post(EngineMessages.error(id, "internal_error", "Locara failed unexpectedly (" + e + "). Please report this."));
        } finally {
            inbox.forget(id);
        }
    }

    /**
     * The stored, verified copy when there is one: it works offline and costs no network. A name
     * outside the manifest must be a stored user model; the page sends those without a URL.
     */
    private static OpfsSource storedCopy(String name, String url) {
        if (url == null) {
            OpfsSource user = ModelStore.open().userSource(name);
            if (user == null) {
                throw new UnknownModelException(name, knownNames());
            }
            return user;
        }
        try {
            ModelRef model = ModelCatalog.byId(name);
            ModelStore store = ModelStore.open();
            OpfsSource source = store.source(model);
            if (source != null) {
                store.touch(model);
            }
            return source;
        } catch (UnknownModelException | StorageException | JsException e) {
            return null; // no usable storage: the server's copy is the fallback
        }
    }

    /** The manifest's models and the stored user models, for the error that lists what exists. */
    private static String knownNames() {
        StringBuilder sb = new StringBuilder(ModelCatalog.names());
        try {
            for (ModelStore.Stored s : ModelStore.open().list()) {
                if (!s.pinned()) {
                    sb.append(", ").append(s.id());
                }
            }
        } catch (StorageException | JsException e) {
            // no storage: the manifest's names are all there is
        }
        return sb.toString();
    }

    /**
     * The generator for {@code name} with a KV cache of {@code context} tokens (0: the default). One
     * model is on the GPU at a time: switching model or context frees every buffer of the old one
     * ({@link dev.locara.gpu.BufferPool#releaseAll}) and loads the new one on the same device, whose compiled kernels
     * it reuses; a device that reported an error or was lost is destroyed and a fresh one opened.
     */
    private Loaded model(String name, String url, int context) {
        int wanted = context > 0 ? context : DEFAULT_CONTEXT;
        if (current != null && current.name().equals(name) && current.requested() == wanted) {
            return current;
        }
        OpfsSource stored = storedCopy(name, url); // first: an unknown name must not cost the loaded model
        current = null;
        if (deviceInUse) {
            if (gpu.reusable()) {
                gpu.buffers().releaseAll(); // the old model's buffers; its compiled kernels stay for the next
            } else {
                gpu.destroy();
                gpu = WebGpu.open(KERNELS);
            }
        }
        deviceInUse = true;
        ModelLoader.Loaded loaded = stored != null ? ModelLoader.load(gpu, stored, wanted) : ModelLoader.load(gpu, url, name, wanted);
        ChatPrompt chatPrompt = ChatPrompt.fromGguf(loaded.gguf(), loaded.generator().tokenizer());
        chatPrompt.template().setToday(today(0), today(1), today(2));
        for (String warning : chatPrompt.template().warnings()) {
            warn(name + ": " + warning);
        }
        current = new Loaded(name, wanted, loaded.generator(), chatPrompt,
                ModelBenchmark.weightBytesPerToken(loaded.gguf()));
        return current;
    }

    @JSBody(params = "message", script = "self.postMessage(message);")
    private static native void post(EngineMessage message);

    @JSBody(params = "message", script = "console.warn(message);")
    private static native void warn(String message);

    /** Today's date for templates that print it (Llama 3.x): 0 year, 1 month, 2 day. */
    @JSBody(params = "part", script = "var d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()][part];")
    private static native int today(int part);

    @JSBody(script = "return performance.now();")
    private static native double now();
}
