package dev.locara.workbench;

import org.teavm.jso.dom.html.HTMLElement;

/**
 * What an empty chat shows. On the very first run, one button starts a chat with the demo model,
 * which comes with the app, so a new user sees it answer before choosing anything.
 */
final class Welcome {
    private static final String FIRST_QUESTION = "Tell me a story about a cat and a dog who became friends.";
    private final ChatActions actions;
    private final AppState state;

    Welcome(AppState state, ChatActions actions) {
        this.state = state;
        this.actions = actions;
    }

    HTMLElement build(boolean firstRun) {
        HTMLElement w = Dom.el("div", "welcome");
        if (firstRun) {
            w.appendChild(Dom.text("h2", null, "Welcome to Locara"));
            w.appendChild(Dom.text("p", null, "A chat with an AI model that runs on this device, on its GPU, in this"
                    + " browser. What you type, and the answers, never leave this machine; the status bar counts"
                    + " every request the page makes."));
            w.appendChild(Dom.text("p", null, "The demo model comes with the app: a very small model (260 thousand"
                    + " parameters) that can only tell children's stories, and does it fast."));
            HTMLElement start = Dom.button("Start chatting with the demo model", "primary big",
                    () -> actions.send(FIRST_QUESTION));
            start.setAttribute("data-action", "first-run");
            if (!"ready".equals(state.engine.state())) {
                start.setAttribute("disabled", "");
            }
            w.appendChild(start);
        } else {
            w.appendChild(Dom.text("h2", null, "New chat"));
            w.appendChild(Dom.text("p", null, "Ask anything; the answer is written on this device."));
        }
        HTMLElement ideas = Dom.el("div", "suggestions");
        ideas.setAttribute("aria-label", "Suggestions");
        for (String s : new String[] {"Once upon a time there was a little robot", "Tell me about a brave princess",
            "Write a story about a rainy day"}) {
            HTMLElement b = Dom.button(s, "suggestion", () -> actions.send(s));
            if (!"ready".equals(state.engine.state())) {
                b.setAttribute("disabled", "");
            }
            ideas.appendChild(b);
        }
        w.appendChild(ideas);
        return w;
    }
}
