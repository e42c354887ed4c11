package dev.locara.workbench;

import dev.locara.privacy.NetworkLog;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The line at the foot: the engine's state (role status), the answer's live speed and how full the
 * context is, a storage warning when conversations cannot be kept, and the privacy line.
 */
final class StatusBar {
    private final AppState state;
    final HTMLElement root;
    private final HTMLElement engine;
    private final HTMLElement run;
    private final HTMLElement storage;
    private final HTMLElement privacy;
    private final PrivacyPanel panel;

    StatusBar(AppState state, NetworkLog log, PrivacyPanel panel) {
        this.state = state;
        this.panel = panel;
        root = Dom.el("footer", "statusbar");
        engine = Dom.el("span", "engine-status");
        engine.setAttribute("id", "status");
        engine.setAttribute("role", "status");
        run = Dom.el("span", "run-stats");
        run.setAttribute("id", "run-stats");
        storage = Dom.el("span", "storage-warning");
        storage.setAttribute("role", "alert");
        privacy = Dom.button("", "privacy-line", panel::open);
        privacy.setAttribute("id", "privacy-line");
        privacy.setAttribute("aria-haspopup", "dialog");
        root.appendChild(engine);
        root.appendChild(run);
        root.appendChild(storage);
        root.appendChild(privacy);
        state.subscribe(AppState.Topic.ENGINE, this::showEngine);
        state.subscribe(AppState.Topic.RUN, this::showRun);
        log.onChange(this::showPrivacy);
        showEngine();
        showRun();
        showPrivacy();
    }

    private void showEngine() {
        AppState.Engine e = state.engine;
        engine.setTextContent(e.text());
        engine.setAttribute("data-state", e.state());
        if (e.code() != null) {
            engine.setAttribute("data-code", e.code());
        } else {
            engine.removeAttribute("data-code");
        }
        storage.setTextContent(state.storageProblem == null ? "" : state.storageProblem);
        storage.setHidden(state.storageProblem == null);
    }

    private void showRun() {
        AppState.Run r = state.run;
        StringBuilder b = new StringBuilder();
        if (r != null) {
            double now = Dom.now();
            if (r.firstTokenMs < 0) {
                b.append("waiting for the first token… ").append(Format.seconds(now - r.startedMs));
            } else {
                b.append(Format.seconds(r.firstTokenMs - r.startedMs)).append(" to first token · ")
                        .append(Format.decimal(r.tokensPerSecond(now))).append(" tokens/s · ")
                        .append(Format.count(r.tokens, "token", "tokens"));
            }
        }
        if (state.contextLength > 0 && state.contextUsed >= 0) {
            int used = state.contextUsed + (r != null && r.conversationId.equals(state.currentId) ? r.tokens : 0);
            b.append(b.length() > 0 ? " · " : "").append("context ").append(used).append(" / ").append(state.contextLength);
        }
        run.setTextContent(b.toString());
        run.setAttribute("data-state", r != null ? "running" : "idle");
    }

    private void showPrivacy() {
        privacy.setTextContent(panel.line());
    }
}
