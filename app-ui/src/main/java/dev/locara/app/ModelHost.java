package dev.locara.app;

import dev.locara.cache.HttpRangeSource;
import dev.locara.cache.ModelCatalog;
import dev.locara.cache.ModelRef;
import dev.locara.cache.ModelStore;
import dev.locara.cache.ModelUnavailableException;
import dev.locara.cache.OpfsSource;
import dev.locara.cache.StorageException;
import dev.locara.cache.StreamingSource;
import dev.locara.cache.UnknownModelException;
import dev.locara.chat.ChatPrompt;
import dev.locara.embed.Embedder;
import dev.locara.engine.Generator;
import dev.locara.engine.ModelBenchmark;
import dev.locara.gpu.InsufficientGpuMemoryException;
import dev.locara.gpu.WebGpu;
import dev.locara.js.JsException;
import dev.locara.protocol.ErrorCode;
import dev.locara.protocol.Failure;
import org.teavm.jso.JSBody;

/**
 * The model on the GPU, one at a time: loads it on first use (its tensors streamed from browser
 * storage or the server into GPU buffers), switches model or context by freeing the old one's
 * buffers, and forgets one whose stored bytes changed.
 */
final class ModelHost {
    /** Context the KV cache is sized for when a request names none (bounded by the model's own). */
    private static final int DEFAULT_CONTEXT = 2048;

    /**
     * A loaded model: its name, the context asked for, its generator, its chat template and the
     * weight bytes one decode step reads (for the benchmark's bandwidth).
     */
    record Loaded(String name, int requested, Generator generator, ChatPrompt chat, long weightBytesPerToken) {
    }

    private final String kernels;
    private WebGpu gpu;
    private Loaded current;
    /** The embedding model beside it, or null, and its name. */
    private Embedder encoder;
    private String encoderName;
    /** Whether the device holds a model's buffers (also after a failed or forgotten load). */
    private boolean deviceInUse;

    ModelHost(WebGpu gpu, String kernels) {
        this.gpu = gpu;
        this.kernels = kernels;
    }

    WebGpu gpu() {
        return gpu;
    }

    /** The model on the GPU, or null. */
    Loaded current() {
        return current;
    }

    /**
     * Stops serving {@code name} from the GPU (its stored bytes were replaced or deleted); its
     * buffers stay until the next load frees them.
     */
    void forget(String name) {
        if (current != null && current.name().equals(name)) {
            current = null;
        }
        if (encoder != null && encoderName.equals(name)) {
            encoder = null;
        }
    }

    /**
     * After a request failed: whether the device was lost under it, as a failure that says so in words
     * (null when the device is fine). The lost device's models are forgotten, so the next request opens
     * a fresh device ({@link #freeDevice}) and loads its model there.
     */
    Failure lostDevice() {
        String why = gpu.lostWhy();
        if (why == null) {
            return null;
        }
        current = null;
        encoder = null;
        return new Failure(ErrorCode.GPU_LOST, "The GPU was reset while this ran (the browser lost its WebGPU device: "
                + why + "). What was written so far is kept. Send again, or reload the model: it loads onto a fresh"
                + " device. If it keeps happening, close other GPU-heavy tabs or pick a smaller model.");
    }

    /**
     * The generator for {@code name} with a KV cache of {@code context} tokens (0: the default). One
     * model is on the GPU at a time: switching model or context frees every buffer of the old one
     * ({@link dev.locara.gpu.BufferPool#releaseAll}) and loads the new one on the same device, whose compiled kernels
     * it reuses; a device that reported an error or was lost is destroyed and a fresh one opened.
     */
    Loaded load(String name, String url, int context, LoadReport report) {
        int wanted = context > 0 ? context : DEFAULT_CONTEXT;
        if (current != null && current.name().equals(name) && current.requested() == wanted && gpu.reusable()) {
            report.ready(current.generator().model().contextLength());
            return current;
        }
        report.opening();
        // First: an unknown or unreachable model must not cost the loaded one.
        StreamingSource source = storedCopy(name, url);
        if (source == null) {
            source = fromServer(name, url);
        }
        freeDevice();
        ModelLoader.Loaded loaded = loadFrom(source, name, wanted, report);
        ChatPrompt chatPrompt = ChatPrompt.fromGguf(loaded.gguf(), loaded.generator().tokenizer());
        chatPrompt.template().setToday(today(0), today(1), today(2));
        for (String warning : chatPrompt.template().warnings()) {
            warn(name + ": " + warning);
        }
        current = new Loaded(name, wanted, loaded.generator(), chatPrompt,
                ModelBenchmark.weightBytesPerToken(loaded.gguf()));
        report.ready(current.generator().model().contextLength());
        return current;
    }

    /** Loads from {@code source}; the browser's bare "Failed to fetch" or a read error becomes a sentence saying what to do. */
    private ModelLoader.Loaded loadFrom(StreamingSource source, String name, int context, LoadReport report) {
        try {
            return ModelLoader.load(gpu, source, context, report);
        } catch (JsException e) {
            if (source instanceof HttpRangeSource) {
                throw new ModelUnavailableException("The file of '" + name + "' stopped arriving from the server ("
                        + e.getMessage() + "). Check that the Locara server still runs and try again; a model downloaded"
                        + " into browser storage (Models and device) loads without the server.");
            }
            throw new StorageException("storage_error", "Reading '" + name + "' from browser storage failed ("
                    + e.getMessage() + "). Try again; if it persists, delete the model and download it again.");
        }
    }

    /**
     * Frees every buffer on the device, the language model's and the embedding model's (the pool
     * frees them all at once), keeping the compiled kernels; a device that reported an error or was
     * lost is destroyed and a fresh one opened.
     */
    private void freeDevice() {
        current = null;
        encoder = null;
        if (deviceInUse) {
            if (gpu.reusable()) {
                gpu.buffers().releaseAll(); // the old model's buffers; its compiled kernels stay for the next
            } else {
                gpu.destroy();
                gpu = WebGpu.open(kernels);
            }
        }
        deviceInUse = true;
    }

    /**
     * The embedding model {@code name} on the GPU, beside the language model when both fit (a search
     * over documents embeds, then chats). Another embedding model replaces the language model too,
     * since buffers are freed all together; so does one that does not fit beside it.
     */
    Embedder encoder(String name, String url) {
        if (encoder != null && encoderName.equals(name)) {
            return encoder;
        }
        OpfsSource stored = storedCopy(name, url);
        if (encoder != null || !gpu.reusable()) {
            freeDevice();
        }
        deviceInUse = true;
        encoder = null;
        Embedder loaded;
        try {
            loaded = loadEncoder(stored, name, url);
        } catch (InsufficientGpuMemoryException e) {
            if (current == null) {
                throw e;
            }
            freeDevice();
            loaded = loadEncoder(storedCopy(name, url), name, url);
        }
        encoder = loaded;
        encoderName = name;
        return encoder;
    }

    private Embedder loadEncoder(OpfsSource stored, String name, String url) {
        return ModelLoader.loadEncoder(gpu, stored != null ? stored : HttpRangeSource.open(url, name));
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

    /**
     * The server's copy of a model that is not stored. fetch rejects only when no answer came (offline, server
     * gone), and then the model cannot load at all: said plainly, with what makes it work offline.
     */
    private static StreamingSource fromServer(String name, String url) {
        try {
            return HttpRangeSource.open(url, name);
        } catch (JsException e) {
            throw new ModelUnavailableException("The model '" + name + "' is not stored in this browser, so it needs the"
                    + " network, and its file could not be fetched (" + e.getMessage() + "). Connect to the network,"
                    + " or download the model while online so that it works offline.");
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

    @JSBody(params = "message", script = "console.warn(message);")
    private static native void warn(String message);

    /** Today's date for templates that print it (Llama 3.x): 0 year, 1 month, 2 day. */
    @JSBody(params = "part", script = "var d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()][part];")
    private static native int today(int part);
}
