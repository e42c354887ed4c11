package dev.locara.app;

import dev.locara.api.EngineMessage;
import dev.locara.api.EngineMessages;
import dev.locara.cache.HttpRangeSource;
import dev.locara.chat.ChatPrompt;
import dev.locara.chat.ChatTemplate;
import dev.locara.chat.ReasoningSplitter;
import dev.locara.chat.TemplateException;
import dev.locara.cache.ModelUnavailableException;
import dev.locara.engine.Completion;
import dev.locara.engine.CompletionRequest;
import dev.locara.engine.Generator;
import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufReader;
import dev.locara.gpu.AdapterInfo;
import dev.locara.gpu.GpuLlama;
import dev.locara.gpu.InsufficientGpuMemoryException;
import dev.locara.gpu.KernelCompileException;
import dev.locara.gpu.WebGpu;
import dev.locara.gpu.WebGpuUnavailableException;
import dev.locara.gpu.WeightUpload;
import dev.locara.js.JsException;
import dev.locara.tokenizer.Tokenizer;
import java.util.HashMap;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * The engine, running in a dedicated Web Worker (no DOM here). It opens the WebGPU device, says
 * "ready", then serves one request at a time: loading a model on first use (its tensors streamed
 * from the server into GPU buffers) and streaming tokens back as they are sampled.
 */
public final class EngineWorker {
    /** Context the KV cache is sized for (bounded by the model's own). */
    private static final int CONTEXT = 2048;

    private final WebGpu gpu;
    private final Inbox inbox;
    private final Map<String, Generator> loaded = new HashMap<>();
    private final Map<String, ChatPrompt> chatPrompts = new HashMap<>();

    private EngineWorker(WebGpu gpu, Inbox inbox) {
        this.gpu = gpu;
        this.inbox = inbox;
    }

    public static void main(String[] args) {
        Inbox inbox = new Inbox();
        WebGpu gpu;
        try {
            gpu = WebGpu.open("kernels/");
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
            }
        }
    }

    private void generate(EngineMessage m) {
        int id = m.getId();
        try {
            Generator generator = loaded.get(m.getModel());
            if (generator == null) {
                generator = load(m.getUrl(), m.getModel());
                loaded.put(m.getModel(), generator);
            }
            boolean chat = "chat".equals(m.getType());
            ChatPrompt.Rendered rendered = null;
            ReasoningSplitter splitter = null;
            if (chat) {
                ChatPrompt chatPrompt = chatPrompts.get(m.getModel());
                rendered = chatPrompt.render(ChatTemplate.parseMessages(m.getMessages()));
                splitter = rendered.opensReasoning() ? ReasoningSplitter.startedInReasoning() : new ReasoningSplitter();
            }
            ReasoningSplitter split = splitter;
            double start = now();
            double[] firstToken = {-1};
            CompletionRequest request = new CompletionRequest(chat ? "" : m.getPrompt(), m.getMaxTokens(),
                    (float) m.getTemperature(), (long) m.getSeed());
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
            Completion done = chat ? generator.generate(rendered.tokens(), request, sink, () -> inbox.isStopped(id))
                    : generator.generate(request, sink, () -> inbox.isStopped(id));
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
        } catch (GgufException e) {
            post(EngineMessages.error(id, "invalid_model", e.getMessage()));
        } catch (InsufficientGpuMemoryException e) {
            post(EngineMessages.error(id, "insufficient_gpu_memory", e.getMessage()));
        } catch (ModelUnavailableException e) {
            post(EngineMessages.error(id, "model_unavailable", e.getMessage()));
        } catch (IllegalArgumentException e) {
            post(EngineMessages.error(id, "invalid_request", e.getMessage()));
        } catch (TemplateException e) {
            // The model's template refused these messages (e.g. a system role Gemma does not take) or failed on them.
            post(EngineMessages.error(id, "invalid_request", e.getMessage()));
        } catch (KernelCompileException | JsException | IllegalStateException e) {
            post(EngineMessages.error(id, "gpu_error", e.getMessage()));
        } catch (RuntimeException e) {
            // A bug of ours: still answer, so the caller's promise settles instead of hanging.
            post(EngineMessages.error(id, "internal_error", "Locara failed unexpectedly (" + e + "). Please report this."));
        } finally {
            inbox.forget(id);
        }
    }

    private Generator load(String url, String name) {
        HttpRangeSource source = HttpRangeSource.open(url, name);
        GgufFile gguf = GgufReader.read(source);
        Tokenizer tokenizer = Tokenizer.fromGguf(gguf);
        GpuLlama model = new GpuLlama(gpu, gguf, CONTEXT);
        WeightUpload upload = model.upload();
        source.stream(upload.start(), upload.end(), upload::accept);
        upload.finish();
        ChatPrompt chatPrompt = ChatPrompt.fromGguf(gguf, tokenizer);
        chatPrompt.template().setToday(today(0), today(1), today(2));
        for (String warning : chatPrompt.template().warnings()) {
            warn(name + ": " + warning);
        }
        chatPrompts.put(name, chatPrompt);
        return new Generator(tokenizer, model);
    }

    @JSBody(params = "message", script = "self.postMessage(message);")
    private static native void post(EngineMessage message);

    @JSBody(params = "message", script = "console.warn(message);")
    private static native void warn(String message);

    /** Today's local date: 0 year, 1 month (1-12), 2 day. */
    @JSBody(params = "part", script = "var d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()][part];")
    private static native int today(int part);

    @JSBody(script = "return performance.now();")
    private static native double now();
}
