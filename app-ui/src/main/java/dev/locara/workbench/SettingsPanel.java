package dev.locara.workbench;

import dev.locara.conversation.Conversation;
import dev.locara.conversation.Sampling;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;
import org.teavm.jso.dom.html.HTMLTextAreaElement;

/**
 * The open conversation's settings: its system prompt and sampling, each field labelled with what
 * it does; a value out of range is refused with the sentence {@link Sampling#validate} gives, and
 * Reset returns to the model's defaults. They go into the chat.completions request as its own fields.
 */
final class SettingsPanel {
    private final AppState state;
    private final ChatActions actions;
    final HTMLElement root;
    private final HTMLTextAreaElement system;
    private final HTMLElement error;
    private final HTMLInputElement temperature;
    private final HTMLInputElement topP;
    private final HTMLInputElement topK;
    private final HTMLInputElement minP;
    private final HTMLInputElement repeat;
    private final HTMLInputElement maxTokens;
    private final HTMLInputElement seed;
    private final HTMLInputElement context;

    SettingsPanel(AppState state, ChatActions actions) {
        this.state = state;
        this.actions = actions;
        root = Dom.panel("settings", "panel settings", "Chat settings", () -> show(false));
        system = (HTMLTextAreaElement) Dom.el("textarea", "system-prompt");
        system.setAttribute("rows", "4");
        system.setAttribute("placeholder", "For example: You answer briefly.");
        root.appendChild(labelled("System prompt", "Instructions the model reads before the conversation.", system));
        system.addEventListener("change", e -> actions.setSystemPrompt(system.getValue()));
        HTMLElement grid = Dom.el("div", "fields");
        temperature = number(grid, "Temperature", "0 picks the likeliest token every time; higher is more varied.", "0", "2", "0.05");
        topP = number(grid, "Top-p", "Keep the likeliest tokens whose probabilities add up to this.", "0", "1", "0.01");
        topK = number(grid, "Top-k", "Keep only this many likeliest tokens; 0 keeps all.", "0", "1000", "1");
        minP = number(grid, "Min-p", "Drop tokens less likely than this share of the likeliest one.", "0", "1", "0.01");
        repeat = number(grid, "Repetition penalty", "Above 1 makes repeating recent tokens less likely.", "0.5", "2", "0.05");
        maxTokens = number(grid, "Max tokens", "The longest answer, in tokens.", "1", "65536", "1");
        seed = number(grid, "Seed", "The same seed gives the same answer; -1 is random.", "-1", "4294967295", "1");
        context = number(grid, "Context length", "Tokens the model keeps in view; 0 uses its default.", "0", "131072", "1");
        root.appendChild(grid);
        error = Dom.el("p", "field-error");
        error.setAttribute("role", "alert");
        root.appendChild(error);
        root.appendChild(Dom.button("Reset to the model's defaults", "secondary", () -> {
            actions.resetSampling();
            fill();
        }));
        state.subscribe(AppState.Topic.CURRENT, this::fill);
        fill();
    }

    void show(boolean visible) {
        root.setHidden(!visible);
        if (visible) {
            fill();
            system.focus();
        }
    }

    boolean shown() {
        return !root.isHidden();
    }

    private void fill() {
        Conversation c = state.current();
        Sampling s = c == null ? actions.defaultSampling() : c.sampling();
        system.setValue(c == null ? "" : c.systemPrompt());
        temperature.setValue(String.valueOf(s.temperature()));
        topP.setValue(String.valueOf(s.topP()));
        topK.setValue(String.valueOf(s.topK()));
        minP.setValue(String.valueOf(s.minP()));
        repeat.setValue(String.valueOf(s.repeatPenalty()));
        maxTokens.setValue(String.valueOf(s.maxTokens()));
        seed.setValue(String.valueOf(s.seed()));
        context.setValue(String.valueOf(s.contextLength()));
        error.setTextContent("");
    }

    private void changed() {
        try {
            Sampling s = new Sampling(decimal(temperature, "Temperature"), decimal(topP, "Top-p"), whole(topK, "Top-k"),
                    decimal(minP, "Min-p"), decimal(repeat, "Repetition penalty"), whole(maxTokens, "Max tokens"),
                    (long) decimal(seed, "Seed"), whole(context, "Context length"));
            s.validate();
            error.setTextContent("");
            actions.setSampling(s);
        } catch (IllegalArgumentException e) {
            error.setTextContent(e.getMessage());
        }
    }

    private static double decimal(HTMLInputElement input, String name) {
        try {
            return Double.parseDouble(input.getValue().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number.");
        }
    }

    private static int whole(HTMLInputElement input, String name) {
        double v = decimal(input, name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a whole number.");
        }
        return (int) v;
    }

    private HTMLInputElement number(HTMLElement grid, String label, String hint, String min, String max, String step) {
        HTMLInputElement input = (HTMLInputElement) Dom.el("input", null);
        input.setAttribute("type", "number");
        input.setAttribute("min", min);
        input.setAttribute("max", max);
        input.setAttribute("step", step);
        input.addEventListener("change", e -> changed());
        grid.appendChild(labelled(label, hint, input));
        return input;
    }

    private static int ids;

    private static HTMLElement labelled(String label, String hint, HTMLElement control) {
        String id = "setting-" + (++ids);
        HTMLElement field = Dom.el("div", "field");
        HTMLElement l = Dom.text("label", null, label);
        l.setAttribute("for", id);
        control.setAttribute("id", id);
        HTMLElement h = Dom.text("small", "hint", hint);
        h.setAttribute("id", id + "-hint");
        control.setAttribute("aria-describedby", id + "-hint");
        field.appendChild(l);
        field.appendChild(control);
        field.appendChild(h);
        return field;
    }
}
