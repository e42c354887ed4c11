package dev.locara.workbench;

import java.util.List;
import java.util.function.Consumer;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLElement;

/** The model manager's list of the user's own models (imported or added by URL), each marked not pinned. */
final class UserModels {
    private UserModels() {
    }

    /** A stored model outside the manifest, or one the ledger says was lost ({@code lost}: why, else null). */
    record Entry(String id, long bytes, String sha256, String lost) {
    }

    static void render(HTMLElement list, List<Entry> models, boolean checked, String inUseId, Consumer<String> use,
                       Consumer<String> delete) {
        list.clear();
        if (models.isEmpty()) {
            list.appendChild(Dom.text("li", "empty", checked ? "None yet: import a GGUF below, or add one by URL"
                    + " with locara.models.add." : "Checking browser storage…"));
        }
        for (Entry u : models) {
            HTMLElement li = Dom.el("li", "model-row user-model");
            li.setAttribute("data-model", u.id());
            li.setAttribute("data-state", u.lost() != null ? "lost" : "stored");
            HTMLElement title = Dom.el("div", "model-title");
            title.appendChild(Dom.text("strong", "model-name", u.id()));
            title.appendChild(Dom.text("span", "badge unpinned", "Not pinned"));
            li.appendChild(title);
            if (u.lost() != null) {
                li.appendChild(Dom.text("p", "model-status", "Lost: " + u.lost() + " Import or add it again to use it."));
            } else {
                li.appendChild(Dom.text("p", "model-facts", DeviceFit.size(u.bytes()) + " · SHA-256 " + u.sha256()));
                HTMLElement b = Dom.el("div", "buttons");
                boolean inUse = u.id().equals(inUseId);
                HTMLButtonElement useButton = Dom.button(inUse ? "In use" : "Use", "primary", () -> use.accept(u.id()));
                useButton.setDisabled(inUse);
                b.appendChild(useButton);
                b.appendChild(Dom.button("Delete", "secondary", () -> delete.accept(u.id())));
                li.appendChild(b);
            }
            list.appendChild(li);
        }
    }
}
