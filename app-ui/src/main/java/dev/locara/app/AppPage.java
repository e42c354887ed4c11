package dev.locara.app;

import dev.locara.api.CompletionParams;
import dev.locara.api.LocaraApi;
import dev.locara.cache.ModelCatalog;
import dev.locara.cache.ModelRef;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLDocument;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * The page: starts the engine worker, publishes window.locara, and wires the demo controls (prompt,
 * Generate, Stop, streaming output, tokens per second). Model output is set as text, never HTML.
 */
public final class AppPage {
    private final LocaraApi api;
    private final HTMLTextAreaElement prompt;
    private final HTMLButtonElement generate;
    private final HTMLButtonElement stop;
    private final HTMLElement output;
    private final HTMLElement speed;
    private final HTMLElement status;
    private int running = -1;

    private AppPage(LocaraApi api, HTMLDocument doc) {
        this.api = api;
        this.prompt = (HTMLTextAreaElement) doc.getElementById("prompt");
        this.generate = (HTMLButtonElement) doc.getElementById("generate");
        this.stop = (HTMLButtonElement) doc.getElementById("stop");
        this.output = doc.getElementById("output");
        this.speed = doc.getElementById("speed");
        this.status = doc.getElementById("status");
    }

    public static void main(String[] args) {
        List<LocaraApi.Model> models = new ArrayList<>();
        for (ModelRef m : ModelCatalog.all()) {
            models.add(new LocaraApi.Model(m.id(), m.displayName(), m.localUrl()));
        }
        LocaraApi api = LocaraApi.install("engine-worker.js", models);
        OfflineShell.register();
        new AppPage(api, HTMLDocument.current()).start();
    }

    private void start() {
        generate.setDisabled(true);
        stop.setDisabled(true);
        status.setTextContent("Starting the engine…");
        generate.addEventListener("click", e -> run());
        stop.addEventListener("click", e -> api.stop(running));
        api.whenReady(new LocaraApi.ReadyListener() {
            @Override
            public void onReady(String vendor, String architecture, String description, boolean fallback) {
                status.setTextContent("WebGPU adapter: " + vendor + " " + architecture
                        + (description == null || description.isEmpty() ? "" : " (" + description + ")")
                        + (fallback ? " — a software fallback adapter, expect low speed" : ""));
                status.setAttribute("data-state", "ready");
                generate.setDisabled(false);
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
            public void onDone(String finishReason, int promptTokens, Int32Array tokens, double promptMs, double decodeMs) {
                double perSecond = decodeMs > 0 ? (tokens.getLength() - 1) * 1000.0 / decodeMs : 0;
                speed.setTextContent(tokens.getLength() + " tokens, " + Math.round(perSecond * 10) / 10.0
                        + " tokens/s (" + finishReason + ")");
                finish();
            }

            @Override
            public void onError(String code, String message) {
                speed.setTextContent("Error: " + message);
                finish();
            }
        });
    }

    private void finish() {
        running = -1;
        generate.setDisabled(false);
        stop.setDisabled(true);
        output.setAttribute("data-state", "done");
    }

    @JSBody(script = "return performance.now();")
    private static native double now();
}
