package dev.locara.workbench;

import dev.locara.api.LocaraApi;
import dev.locara.app.JsFields;
import dev.locara.conversation.Conversation;
import dev.locara.protocol.Reply;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Which model is on the GPU, and its loading: the chat header's short label beside the model
 * select, and under the header a progress bar naming the stage (reading the file, uploading the
 * weights, compiling kernels) with the engine's text; a failed load is said there in words. A load
 * starts from the model manager's "Use" (locara.models.load) or from the first message to a model
 * not yet loaded (its chat request reports the load); both land in {@link AppState#load}.
 */
final class ModelLoad {
    private final AppState state;
    private final LocaraApi api;
    private final Models names;
    /** The header's label: "loaded", "loading…", "not loaded yet", "failed to load". */
    final HTMLElement label;
    /** The line under the header while a load runs or after one failed. */
    final HTMLElement bar;
    private final HTMLElement progress;
    private final HTMLElement text;

    ModelLoad(AppState state, LocaraApi api, Models names) {
        this.state = state;
        this.api = api;
        this.names = names;
        label = Dom.el("span", "model-loaded");
        label.setAttribute("id", "model-loaded");
        bar = Dom.el("div", "model-load");
        bar.setAttribute("id", "model-load");
        progress = Dom.el("progress", "model-load-progress");
        progress.setAttribute("max", "1");
        text = Dom.el("span", "model-load-text");
        text.setAttribute("role", "status");
        bar.appendChild(progress);
        bar.appendChild(text);
        state.subscribe(AppState.Topic.LOAD, this::render);
        state.subscribe(AppState.Topic.ENGINE, this::render);
        state.subscribe(AppState.Topic.RUN, this::render);
        render();
    }

    /** Loads {@code id} now (the manager's "Use"), with the open conversation's context, showing each stage. */
    void load(String id) {
        Conversation c = state.current();
        int context = (c != null ? c.sampling() : names.defaults(id)).contextLength();
        state.load = new AppState.Load(id, "read", 0, "Loading " + names.name(id) + "…", null);
        state.emit(AppState.Topic.LOAD);
        ModelBindings.settle(api.load(id, context, ModelBindings.function(p -> report(id, JsFields.string(p, "stage"),
                JsFields.number(p, "progress"), JsFields.string(p, "text")))), (value, code, message) -> {
            if (state.load != null && state.load.model().equals(id)) {
                state.load = value != null ? new AppState.Load(id, "ready", 1, "", null)
                        : new AppState.Load(id, "failed", 0, null, message);
            }
            state.emit(AppState.Topic.LOAD);
            state.emit(AppState.Topic.ENGINE); // the manager's rows and the select follow what is loaded
        });
    }

    /** A chat's request is loading its model first: the same bar, from the chat's own reports. */
    void chatLoading(Reply.Loading r, String model) {
        report(model, r.stage(), r.progress(), r.text());
    }

    /** A chat's request ended (first token, done, or failed); {@code failure} is null unless it failed while loading. */
    void chatEnded(String model, String failure) {
        AppState.Load l = state.load;
        if (l == null || !l.model().equals(model) || l.failure() != null || l.stage().equals("ready")) {
            return;
        }
        state.load = failure == null ? new AppState.Load(model, "ready", 1, "", null)
                : new AppState.Load(model, "failed", 0, null, failure);
        state.emit(AppState.Topic.LOAD);
    }

    private void report(String model, String stage, double p, String message) {
        state.load = new AppState.Load(model, stage, p, message, null);
        state.emit(AppState.Topic.LOAD);
    }

    private void render() {
        String model = state.model;
        AppState.Load l = state.load;
        String loaded = api.loadedModel();
        boolean loading = l != null && l.failure() == null && !"ready".equals(l.stage());
        boolean failed = l != null && l.failure() != null && l.model().equals(model);
        boolean isLoaded = model != null && model.equals(loaded) && !loading;
        label.setTextContent(model == null ? "" : loading && l.model().equals(model) ? "loading…" : isLoaded ? "loaded"
                : failed ? "failed to load" : "not loaded yet");
        label.setAttribute("title", model == null ? "" : isLoaded ? names.name(model) + " is loaded on the GPU."
                : (loaded == null ? "No model is" : names.name(loaded) + " is") + " on the GPU; " + names.name(model)
                + " loads with the first message, or with Use in Models and device.");
        label.setAttribute("data-loaded", isLoaded ? "true" : "false");
        bar.setHidden(l == null || (!loading && !failed));
        if (l == null) {
            return;
        }
        bar.setAttribute("data-stage", l.stage());
        bar.setAttribute("data-model", l.model());
        text.setAttribute("role", failed ? "alert" : "status");
        if (failed) {
            progress.setHidden(true);
            text.setTextContent("Loading " + names.name(l.model()) + " failed: " + l.failure());
        } else {
            progress.setHidden(false);
            progress.setAttribute("value", String.valueOf(l.progress()));
            progress.setAttribute("aria-label", "Loading " + names.name(l.model()));
            text.setTextContent(Math.round(l.progress() * 100) + " % · " + l.text()); // the engine's text names the stage
        }
    }
}
