package dev.locara.workbench;

import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/**
 * The message box: Enter sends, Shift+Enter adds a line, Escape (anywhere) stops the answer. While
 * an answer streams Send gives way to Stop; focus stays in the box, so the next question can be typed.
 */
final class Composer {
    private final AppState state;
    private final ChatActions actions;
    final HTMLElement root;
    final HTMLTextAreaElement box;
    private final HTMLButtonElement send;
    private final HTMLButtonElement stop;

    Composer(AppState state, ChatActions actions) {
        this.state = state;
        this.actions = actions;
        root = Dom.el("div", "composer");
        box = (HTMLTextAreaElement) Dom.el("textarea", "message-box");
        box.setAttribute("aria-label", "Message");
        // Short enough for a phone-width box; Enter and Shift+Enter are said by aria-keyshortcuts.
        box.setAttribute("placeholder", "Message the model");
        box.setAttribute("aria-keyshortcuts", "Enter Shift+Enter");
        box.setAttribute("rows", "1");
        send = Dom.button("Send", "primary", this::submit);
        stop = Dom.button("Stop", "danger", actions::stop);
        stop.setAttribute("aria-keyshortcuts", "Escape");
        root.appendChild(box);
        root.appendChild(send);
        root.appendChild(stop);
        box.addEventListener("keydown", e -> {
            KeyboardEvent k = (KeyboardEvent) e;
            if (k.getKey().equals("Enter") && !k.isShiftKey() && !k.isComposing()) {
                k.preventDefault();
                submit();
            }
        });
        box.addEventListener("input", e -> {
            fit();
            update();
        });
        Dom.doc().addEventListener("keydown", e -> {
            KeyboardEvent k = (KeyboardEvent) e;
            if (k.getKey().equals("Escape") && state.generating()) {
                actions.stop();
            }
        });
        state.subscribe(AppState.Topic.RUN, this::update);
        state.subscribe(AppState.Topic.ENGINE, this::update);
        state.subscribe(AppState.Topic.CURRENT, this::update);
        update();
    }

    private void submit() {
        String text = box.getValue();
        if (text.trim().isEmpty() || state.generating() || !"ready".equals(state.engine.state())) {
            return;
        }
        box.setValue("");
        fit();
        actions.send(text);
        box.focus();
    }

    private void update() {
        boolean running = state.generating();
        send.setHidden(running);
        stop.setHidden(!running);
        send.setDisabled(!"ready".equals(state.engine.state()) || box.getValue().trim().isEmpty());
    }

    /** Grows the box with its text, up to a third of the window (the stylesheet's max-height). */
    private void fit() {
        box.getStyle().setProperty("height", "auto");
        box.getStyle().setProperty("height", box.getScrollHeight() + "px");
    }

    void focus() {
        box.focus();
    }
}
