package dev.locara.app;

import dev.locara.api.LocaraApi;
import dev.locara.cache.ModelCatalog;
import dev.locara.protocol.BenchmarkParams;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * The "Models and device" panel: importing one's own GGUF, and the benchmark of this device with the
 * model in use. Its markup is in index.html (ids bench-* and import-*); file names, model ids and
 * every figure are set as text, never HTML.
 */
public final class DevicePanel {
    private final LocaraApi api;
    private final BooleanSupplier generating;
    private final HTMLElement importFile;
    private final HTMLElement dropZone;
    private final HTMLElement importResult;
    private final BenchmarkPanel benchmark;
    private DoubleConsumer measured = gb -> { };
    private Runnable stored = () -> { };

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

    /** @param generating whether a chat answer is being generated (a benchmark then waits for it) */
    public DevicePanel(LocaraApi api, BooleanSupplier generating) {
        this.api = api;
        this.generating = generating;
        HTMLDocument doc = HTMLDocument.current();
        this.importFile = doc.getElementById("import-file");
        this.dropZone = doc.getElementById("drop-zone");
        this.importResult = doc.getElementById("import-result");
        this.benchmark = new BenchmarkPanel(doc);
        onFileChosen(importFile, this::importModel);
        onFileDropped(dropZone, this::importModel);
        benchmark.run.setDisabled(true);
        benchmark.run.addEventListener("click", e -> measure());
    }

    /** Told the streaming read bandwidth (GB/s) each benchmark measures: the model manager's speed estimates. */
    public void onMeasured(DoubleConsumer listener) {
        measured = listener;
    }

    /** Told when an import stored a model, so the model manager lists it. */
    public void onStored(Runnable listener) {
        stored = listener;
    }

    /** The engine is up: the benchmark may run. */
    public void ready() {
        benchmark.run.setDisabled(false);
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
        benchmark.status("running", generating.getAsBoolean() ? "Waiting for the generation to finish…" : "Starting…");
        JSObject onProgress = function(p -> benchmark.status("running", "Step " + JsFields.string(p, "step") + " of "
                + JsFields.string(p, "steps") + ": " + JsFields.string(p, "text")));
        settle(api.benchmark(params, onProgress), (value, code, message) -> {
            benchmark.run.setDisabled(false);
            if (value == null) {
                benchmark.failed(code, "The benchmark failed: " + message);
                return;
            }
            benchmark.show(value);
            measured.accept(JsFields.number(value, "limits.read_gb_per_second"));
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
            stored.run();
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
}
