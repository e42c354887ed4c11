package dev.locara.app;

import dev.locara.gpu.AdapterInfo;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * The Benchmark panel's elements, and the table filled from one locara.benchmark.run result. Every
 * figure goes in as text; each figure cell also carries its unrounded value in {@code data-value},
 * for scripts and tests.
 */
final class BenchmarkPanel {
    final HTMLButtonElement run;
    final HTMLInputElement promptTokens;
    final HTMLInputElement decodeTokens;
    final HTMLElement statusText;
    final HTMLElement fallback;
    final HTMLElement table;
    private final HTMLDocument doc;

    BenchmarkPanel(HTMLDocument doc) {
        this.doc = doc;
        run = (HTMLButtonElement) doc.getElementById("bench-run");
        promptTokens = (HTMLInputElement) doc.getElementById("bench-prompt");
        decodeTokens = (HTMLInputElement) doc.getElementById("bench-decode");
        statusText = doc.getElementById("bench-status");
        fallback = doc.getElementById("bench-fallback");
        table = doc.getElementById("bench-table");
    }

    /** "running" or "done", and what to say. */
    void status(String state, String text) {
        statusText.setAttribute("data-state", state);
        statusText.removeAttribute("data-code");
        statusText.setTextContent(text);
    }

    /** An error: its code (as the API's errors carry it) and its message. */
    void failed(String code, String text) {
        statusText.setAttribute("data-state", "error");
        statusText.setAttribute("data-code", code);
        statusText.setTextContent(text);
    }

    /** Fills the table from a benchmark result (see BenchmarkReply for its fields). */
    void show(JSObject r) {
        String description = JsFields.string(r, "adapter.description");
        String architecture = JsFields.string(r, "adapter.architecture");
        boolean isFallback = JsFields.bool(r, "adapter.fallback");
        String vendor = JsFields.string(r, "adapter.vendor");
        boolean software = new AdapterInfo(vendor, architecture, description, isFallback).emulated();
        cell("bench-adapter").setTextContent(vendor + " " + architecture
                + (description.isEmpty() ? "" : " (" + description + ")")
                + (isFallback ? ", a fallback adapter" : software ? ", a CPU emulation of a GPU" : ""));
        figure("bench-read", JsFields.number(r, "limits.read_gb_per_second"), " GB/s", " (" + JsFields.string(r, "limits.read_shape") + ")");
        figure("bench-fma", JsFields.number(r, "limits.fma_gflops"), " GFLOP/s", "");
        figure("bench-dispatch", JsFields.number(r, "limits.dispatch_us"), " µs", "");
        cell("bench-model").setTextContent("The model: " + JsFields.string(r, "model") + ", context "
                + (int) JsFields.number(r, "context_length") + " tokens");
        figure("bench-prompt-speed", JsFields.number(r, "prompt.tokens_per_second"), " tokens/s",
                " (a " + (int) JsFields.number(r, "prompt.tokens") + "-token prompt in one batch)");
        figure("bench-decode-speed", JsFields.number(r, "decode.tokens_per_second"), " tokens/s",
                " (" + (int) JsFields.number(r, "decode.tokens") + " greedy tokens, steps chained on the GPU)");
        figure("bench-decode-logits", JsFields.number(r, "decode_with_logits.tokens_per_second"), " tokens/s",
                " (the same tokens, each one's logits read back, as sampling with a temperature does)");
        figure("bench-weights", JsFields.number(r, "decode.weight_bytes_per_token") / 1e6, " MB", "");
        figure("bench-bandwidth", JsFields.number(r, "decode.gb_per_second"), " GB/s", "");
        figure("bench-percent", JsFields.number(r, "decode.percent_of_read_limit"), " %", "");
        figure("bench-memory", JsFields.number(r, "gpu_memory_bytes") / 1e6, " MB", " (buffers the engine allocated)");
        fallback.setHidden(!software);
        table.setHidden(false);
    }

    private HTMLElement cell(String id) {
        return doc.getElementById(id);
    }

    /** A figure to three significant digits (what a benchmark's noise allows), its unit and a note. */
    private void figure(String id, double value, String unit, String note) {
        HTMLElement cell = cell(id);
        cell.setAttribute("data-value", exact(value));
        cell.setTextContent(threeDigits(value) + unit + note);
    }

    /** JavaScript's own number text, the shortest that reads back as the same double. */
    @JSBody(params = "v", script = "return String(v);")
    private static native String exact(double v);

    /** 2.81, 0.0512, 1230: three significant digits without an exponent; "n/a" for what is not finite. */
    @JSBody(params = "v", script = "return isFinite(v) ? String(Number(v.toPrecision(3))) : 'n/a';")
    private static native String threeDigits(double v);
}
