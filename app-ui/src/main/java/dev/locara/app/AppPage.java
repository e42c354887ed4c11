package dev.locara.app;

import dev.locara.api.LocaraApi;
import dev.locara.cache.ModelCatalog;
import dev.locara.cache.ModelRef;
import dev.locara.gpu.AdapterInfo;
import dev.locara.protocol.BenchmarkParams;
import dev.locara.protocol.CompletionParams;
import dev.locara.protocol.Failure;
import dev.locara.protocol.Reply;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/**
 * The page: starts the engine worker, publishes window.locara, and wires the demo controls (prompt,
 * Generate, Stop, streaming output, tokens per second) and the Benchmark panel. Model output and
 * every figure are set as text, never HTML.
 */
public final class AppPage {
    private final LocaraApi api;
    private final HTMLTextAreaElement prompt;
    private final HTMLButtonElement generate;
    private final HTMLButtonElement stop;
    private final HTMLElement output;
    private final HTMLElement speed;
    private final HTMLElement status;
    private final HTMLElement importFile;
    private final HTMLElement dropZone;
    private final HTMLElement importResult;
    private final BenchmarkPanel benchmark;
    private int running = -1;

    /** Receives a File the user chose or dropped. */
    @JSFunctor
    interface FileHandler extends JSObject {
        void handle(JSObject file);
    }

    /** Receives a benchmark's progress report {stage, step, steps, text}. */
    @JSFunctor
    interface ProgressHandler extends JSObject {
        void handle(JSObject progress);
    }

    /** The settled result of models.import or benchmark.run: the value, or the error's code and message. */
    @JSFunctor
    interface Settled extends JSObject {
        void handle(JSObject value, String code, String message);
    }

    private AppPage(LocaraApi api, HTMLDocument doc) {
        this.api = api;
        this.prompt = (HTMLTextAreaElement) doc.getElementById("prompt");
        this.generate = (HTMLButtonElement) doc.getElementById("generate");
        this.stop = (HTMLButtonElement) doc.getElementById("stop");
        this.output = doc.getElementById("output");
        this.speed = doc.getElementById("speed");
        this.status = doc.getElementById("status");
        this.importFile = doc.getElementById("import-file");
        this.dropZone = doc.getElementById("drop-zone");
        this.importResult = doc.getElementById("import-result");
        this.benchmark = new BenchmarkPanel(doc);
    }

    public static void main(String[] args) {
        List<LocaraApi.Model> models = new ArrayList<>();
        for (ModelRef m : ModelCatalog.all()) {
            models.add(new LocaraApi.Model(m.id(), m.displayName(), m.localUrl()));
        }
        LocaraApi api = LocaraApi.install("engine-worker.js", models);
        OfflineShell.register();
        dev.locara.markdown.MarkdownView.installTestHook(HTMLDocument.current().getBody());
        new AppPage(api, HTMLDocument.current()).start();
    }

    private void start() {
        generate.setDisabled(true);
        stop.setDisabled(true);
        status.setTextContent("Starting the engine…");
        generate.addEventListener("click", e -> run());
        onFileChosen(importFile, this::importModel);
        onFileDropped(dropZone, this::importModel);
        stop.addEventListener("click", e -> api.stop(running));
        benchmark.run.setDisabled(true);
        benchmark.run.addEventListener("click", e -> measure());
        api.whenReady(new LocaraApi.ReadyListener() {
            @Override
            public void onReady(String vendor, String architecture, String description, boolean fallback) {
                status.setTextContent("WebGPU adapter: " + vendor + " " + architecture
                        + (description == null || description.isEmpty() ? "" : " (" + description + ")")
                        + (new AdapterInfo(vendor, architecture, description, fallback).emulated()
                                ? " — a software adapter (the GPU emulated on the CPU), expect low speed" : ""));
                status.setAttribute("data-state", "ready");
                generate.setDisabled(false);
                benchmark.run.setDisabled(false);
            }

            @Override
            public void onFailed(String code, String message) {
                status.setTextContent(message);
                status.setAttribute("data-state", "error");
                status.setAttribute("data-code", code);
            }
        });
    }

    private void run() {
        output.setTextContent("");
        speed.setTextContent("");
        generate.setDisabled(true);
        stop.setDisabled(false);
        double started = now();
        CompletionParams params = new CompletionParams(ModelCatalog.DEMO.id(), prompt.getValue(), 256, 0, 0);
        output.setAttribute("data-state", "running");
        running = api.submit(params, new LocaraApi.Listener() {
            private int count;
            private double first = -1;

            @Override
            public void onToken(int token, String text) {
                if (first < 0) {
                    first = now();
                    speed.setTextContent("first token after " + Math.round(first - started) + " ms");
                }
                count++;
                output.appendChild(output.getOwnerDocument().createTextNode(text));
            }

            @Override
            public void onDone(Reply.Done done) {
                int tokens = done.completionTokens();
                double perSecond = done.decodeMs() > 0 ? (tokens - 1) * 1000.0 / done.decodeMs() : 0;
                speed.setTextContent(tokens + " tokens, " + Math.round(perSecond * 10) / 10.0
                        + " tokens/s (" + done.finishReason() + ")");
                finish();
            }

            @Override
            public void onError(Failure failure) {
                speed.setTextContent("Error: " + failure.message());
                finish();
            }
        });
    }

    /**
     * Runs locara.benchmark.run with the model in use (the demo model until the page or an API caller
     * has used another) and fills the panel's table. A benchmark clicked during a generation waits for
     * it in the engine's queue, and the panel says so until the engine starts on it.
     */
    private void measure() {
        BenchmarkParams params;
        String model = api.loadedModel() != null ? api.loadedModel() : ModelCatalog.DEMO.id();
        try {
            params = new BenchmarkParams(model, count(benchmark.promptTokens), count(benchmark.decodeTokens));
        } catch (IllegalArgumentException e) {
            benchmark.failed("invalid_request", e.getMessage());
            return;
        }
        benchmark.run.setDisabled(true);
        benchmark.table.setHidden(true);
        benchmark.fallback.setHidden(true);
        benchmark.status("running", running >= 0 ? "Waiting for the generation to finish…" : "Starting…");
        JSObject onProgress = function(p -> benchmark.status("running", "Step " + JsFields.string(p, "step") + " of "
                + JsFields.string(p, "steps") + ": " + JsFields.string(p, "text")));
        settle(api.benchmark(params, onProgress), (value, code, message) -> {
            benchmark.run.setDisabled(false);
            if (value == null) {
                benchmark.failed(code, "The benchmark failed: " + message);
                return;
            }
            benchmark.show(value);
            benchmark.status("done", "Measured " + JsFields.string(value, "model") + " on this device.");
        });
    }

    /** A count field's value, or -1 for what is not an integer, which BenchmarkParams refuses with its message. */
    private static int count(HTMLInputElement input) {
        try {
            return Integer.parseInt(input.getValue().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Copies a chosen or dropped GGUF into storage; the outcome is shown as text (file names are untrusted). */
    private void importModel(JSObject file) {
        importResult.setAttribute("data-state", "running");
        importResult.setTextContent("Importing " + fileName(file) + " (" + mb(fileSize(file)) + " MB)…");
        settle(api.importModel(file), (value, code, message) -> {
            if (value == null) {
                importResult.setAttribute("data-state", "error");
                importResult.setAttribute("data-code", code);
                importResult.setTextContent("Import failed: " + message);
                return;
            }
            boolean pinned = JsFields.bool(value, "pinned");
            importResult.removeAttribute("data-code");
            importResult.setAttribute("data-state", "done");
            importResult.setTextContent("Stored '" + JsFields.string(value, "id") + "' from " + fileName(file) + ": "
                    + mb(JsFields.number(value, "bytes")) + " MB, "
                    + (pinned ? "pinned (its SHA-256 matches the manifest: verified)"
                    : "unpinned (not in the manifest; use it at your own judgement)")
                    + ", SHA-256 " + JsFields.string(value, "sha256") + ". Use it with model: '"
                    + JsFields.string(value, "id") + "'.");
        });
    }

    private static String mb(double bytes) {
        return String.valueOf(Math.round(bytes / (1 << 20) * 10) / 10.0);
    }

    @JSBody(params = {"input", "handler"}, script = "input.addEventListener('change', function () {"
            + " if (input.files && input.files.length > 0) { handler(input.files[0]); } input.value = ''; });")
    private static native void onFileChosen(HTMLElement input, FileHandler handler);

    /** A drop target must cancel dragover, or the browser opens the dropped file itself. */
    @JSBody(params = {"zone", "handler"}, script = "zone.addEventListener('dragover', function (e) {"
            + " e.preventDefault(); zone.classList.add('over'); });"
            + " zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });"
            + " zone.addEventListener('drop', function (e) { e.preventDefault(); zone.classList.remove('over');"
            + " if (e.dataTransfer && e.dataTransfer.files.length > 0) { handler(e.dataTransfer.files[0]); } });")
    private static native void onFileDropped(HTMLElement zone, FileHandler handler);

    @JSBody(params = {"promise", "then"}, script = "promise.then(function (v) { then(v, null, null); },"
            + " function (e) { then(null, e && e.code ? e.code : 'error', e && e.message ? e.message : String(e)); });")
    private static native void settle(JSObject promise, Settled then);

    @JSBody(params = "handler", script = "return function (p) { handler(p); };")
    private static native JSObject function(ProgressHandler handler);

    @JSBody(params = "file", script = "return typeof file.name === 'string' ? file.name : 'the file';")
    private static native String fileName(JSObject file);

    @JSBody(params = "file", script = "return file.size;")
    private static native double fileSize(JSObject file);

    private void finish() {
        running = -1;
        generate.setDisabled(false);
        stop.setDisabled(true);
        output.setAttribute("data-state", "done");
    }

    @JSBody(script = "return performance.now();")
    private static native double now();
}
