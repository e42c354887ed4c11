package dev.locara.workbench;

import dev.locara.app.OfflineShell;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * The line above the chat that offers a new version of Locara once its shell is installed and waiting
 * (see {@link OfflineShell}). It stays in the page, empty, so that a screen reader hears the offer when
 * it appears (role status); its button lets the new version in and reloads into it.
 */
final class UpdateBanner {
    static final String OFFER = "A new version of Locara is ready.";

    final HTMLElement root;
    private boolean shown;

    UpdateBanner() {
        root = Dom.el("div", "update-banner");
        root.setAttribute("role", "status");
    }

    /** Registers the offline shell with this banner as its listener for updates. */
    void register() {
        OfflineShell.register(this::offer);
    }

    private void offer() {
        if (shown) {
            return;
        }
        shown = true;
        root.appendChild(Dom.text("span", null, OFFER));
        HTMLButtonElement reload = Dom.button("Reload to update", "primary", () -> {
            reloadButtonBusy();
            OfflineShell.activateUpdate();
        });
        root.appendChild(reload);
    }

    private void reloadButtonBusy() {
        HTMLButtonElement b = (HTMLButtonElement) root.querySelector("button");
        b.setDisabled(true);
        b.setTextContent("Updating…");
    }
}
