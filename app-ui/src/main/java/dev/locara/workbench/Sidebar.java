package dev.locara.workbench;

import dev.locara.conversation.Conversation;
import dev.locara.conversation.ConversationSearch;
import java.util.List;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.events.KeyboardEvent;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * The conversations: New chat, search over titles and text, the list (newest first), and for the
 * open one rename, export (JSON or Markdown) and delete with undo; import and export of all at the foot.
 * On a phone-width window it is a drawer over the chat.
 */
final class Sidebar {
    /** Receives the text of a file the user chose. */
    @JSFunctor
    interface TextHandler extends JSObject {
        void handle(String name, String text, String error);
    }

    private final AppState state;
    private final ChatActions actions;
    private final Runnable focusComposer;
    final HTMLElement root;
    private final HTMLInputElement search;
    private final HTMLElement list;
    private final HTMLElement toast;

    /**
     * @param focusComposer where focus goes after New chat: the message box, ready for the question
     * @param documents opens or closes the Documents view
     */
    Sidebar(AppState state, ChatActions actions, Runnable focusComposer, Runnable documents) {
        this.state = state;
        this.actions = actions;
        this.focusComposer = focusComposer;
        root = Dom.el("aside", "sidebar");
        root.setAttribute("id", "sidebar");
        root.setAttribute("aria-label", "Conversations");
        HTMLElement top = Dom.el("div", "sidebar-top");
        top.appendChild(Dom.text("h1", "brand", "Locara"));
        top.appendChild(Dom.button("New chat", "primary new-chat", () -> {
            actions.newChat();
            close();
            focusComposer.run();
        }));
        top.appendChild(Dom.button("Documents", "secondary documents-toggle", () -> {
            close();
            documents.run();
        }));
        root.appendChild(top);
        search = (HTMLInputElement) Dom.el("input", "search");
        search.setAttribute("type", "search");
        search.setAttribute("aria-label", "Search conversations");
        search.setAttribute("placeholder", "Search conversations");
        search.addEventListener("input", e -> {
            state.search = search.getValue();
            render();
        });
        root.appendChild(search);
        list = Dom.el("ul", "conversation-list");
        HTMLElement nav = Dom.el("nav", "conversations");
        nav.setAttribute("aria-label", "Saved conversations");
        nav.appendChild(list);
        root.appendChild(nav);
        toast = Dom.el("div", "toast");
        toast.setAttribute("role", "status");
        root.appendChild(toast);
        HTMLElement foot = Dom.el("div", "sidebar-foot");
        HTMLInputElement file = (HTMLInputElement) Dom.el("input", "visually-hidden");
        file.setAttribute("type", "file");
        file.setAttribute("accept", ".json,application/json");
        file.setAttribute("aria-label", "Import conversations file");
        file.setAttribute("tabindex", "-1");
        readChosenText(file, (name, text, error) -> {
            if (error != null) {
                say("Nothing was imported: " + error, false);
            } else {
                actions.library.importText(text, message -> say(message, false));
            }
        });
        foot.appendChild(file);
        foot.appendChild(Dom.button("Import…", "quiet", file::click));
        foot.appendChild(Dom.button("Export all", "quiet", actions.library::exportAll));
        root.appendChild(foot);
        state.subscribe(AppState.Topic.CONVERSATIONS, this::render);
        state.subscribe(AppState.Topic.CURRENT, this::render);
        render();
    }

    private void render() {
        list.clear();
        List<Conversation> shown = ConversationSearch.filter(state.conversations, state.search);
        if (shown.isEmpty()) {
            list.appendChild(Dom.text("li", "empty", state.conversations.isEmpty() ? "No conversations yet."
                    : "No conversation matches."));
        }
        for (Conversation c : shown) {
            list.appendChild(item(c));
        }
    }

    private HTMLElement item(Conversation c) {
        boolean open = c.id().equals(state.currentId);
        HTMLElement li = Dom.el("li", open ? "conversation open" : "conversation");
        HTMLElement pick = Dom.button(c.title(), "pick", () -> {
            actions.select(c.id());
            close();
            focusComposer.run();
        });
        if (open) {
            pick.setAttribute("aria-current", "true");
        }
        li.appendChild(pick);
        if (!state.search.isBlank()) {
            li.appendChild(Dom.text("div", "snippet", ConversationSearch.snippet(c, state.search)));
        }
        if (open) {
            HTMLElement tools = Dom.el("div", "item-tools");
            tools.appendChild(Dom.button("Rename", "quiet", () -> rename(li, c)));
            tools.appendChild(Dom.button("JSON", "quiet", () -> actions.library.exportJson(c.id())));
            tools.appendChild(Dom.button("Markdown", "quiet", () -> actions.library.exportMarkdown(c.id())));
            HTMLElement delete = Dom.button("Delete", "quiet danger-text", () -> {
                actions.library.delete(c.id());
                say("Deleted “" + c.title() + "”.", true);
            });
            tools.appendChild(delete);
            li.appendChild(tools);
        }
        return li;
    }

    private void rename(HTMLElement li, Conversation c) {
        HTMLInputElement input = (HTMLInputElement) Dom.el("input", "rename");
        input.setAttribute("aria-label", "Conversation title");
        input.setAttribute("maxlength", "1000"); // ConversationJson.MAX_NAME_CHARS: what is kept can be exported and read back
        input.setValue(c.title());
        li.clear();
        li.appendChild(input);
        input.addEventListener("keydown", e -> {
            String key = ((KeyboardEvent) e).getKey();
            if (key.equals("Enter")) {
                actions.library.rename(c.id(), input.getValue());
                render();
            } else if (key.equals("Escape")) {
                e.stopPropagation();
                render();
            }
        });
        input.addEventListener("blur", e -> {
            actions.library.rename(c.id(), input.getValue());
            render();
        });
        input.focus();
        input.select();
    }

    /** A short message at the foot of the list; after a delete it offers Undo. */
    private void say(String message, boolean undo) {
        toast.clear();
        toast.appendChild(Dom.text("span", null, message));
        if (undo) {
            toast.appendChild(Dom.button("Undo", "link", () -> {
                actions.library.undoDelete();
                toast.clear();
            }));
        }
    }

    void toggle() {
        root.getClassList().toggle("shown");
    }

    private void close() {
        root.getClassList().remove("shown");
    }

    @JSBody(params = {"input", "handler"}, script = "input.addEventListener('change', function () {"
            + " var f = input.files && input.files[0]; input.value = ''; if (!f) { return; }"
            + " if (f.size > 50 * 1024 * 1024) { handler(f.name, null, 'the file is larger than 50 MB.'); return; }"
            + " f.text().then(function (t) { handler(f.name, t, null); },"
            + " function (e) { handler(f.name, null, 'the file could not be read (' + e.message + ').'); }); });")
    private static native void readChosenText(HTMLInputElement input, TextHandler handler);
}
