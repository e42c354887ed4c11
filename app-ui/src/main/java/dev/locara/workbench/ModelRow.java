package dev.locara.workbench;

import dev.locara.cache.ModelRef;
import org.teavm.jso.JSObject;
import org.teavm.jso.dom.html.HTMLButtonElement;
import org.teavm.jso.dom.html.HTMLElement;
import org.teavm.jso.dom.html.HTMLInputElement;

/**
 * One manifest model in the manager: what it is (size, quantization, licence, parameters, context),
 * whether it fits this device, and where it stands in this browser's storage, with the buttons that
 * state allows. It owns its list item; {@link ModelManager} changes its state and asks it to render.
 * Progress updates only the bar and its line, so the Cancel button stays the same element while
 * bytes arrive.
 */
final class ModelRow {
    enum Status {
        /** The start-up check has not answered: nothing is offered as ready. */
        CHECKING, NOT_STORED, STORED, PARTIAL, LOST, DOWNLOADING
    }

    /** What the row's buttons ask of the manager. */
    interface Actions {
        void download(ModelRow row);

        void cancel(ModelRow row);

        void delete(ModelRow row);

        void use(ModelRow row);

        void accept(ModelRow row);
    }

    final ModelRef model;
    final HTMLElement root;
    private final Actions actions;
    Status status = Status.CHECKING;
    /** Bytes in storage: the whole file when stored, a partial download's prefix, 0 otherwise. */
    long have;
    String lostReason;
    String errorCode;
    String errorMessage;
    /** The running download's AbortController, or null. */
    JSObject controller;
    /** The licence's terms are shown, waiting for acceptance before the download. */
    boolean askingLicence;
    private HTMLElement progressLine;
    private HTMLElement progressBar;

    ModelRow(ModelRef model, Actions actions) {
        this.model = model;
        this.actions = actions;
        root = Dom.el("li", "model-row");
        root.setAttribute("data-model", model.id());
        root.setAttribute("aria-label", model.displayName());
    }

    /** Rebuilds the row for its state; {@code fit} and the two flags come from the manager. */
    void render(DeviceFit fit, boolean accepted, boolean inUse, boolean loaded) {
        root.clear();
        root.setAttribute("data-state", status.name().toLowerCase());
        HTMLElement title = Dom.el("div", "model-title");
        title.appendChild(Dom.text("strong", "model-name", model.displayName()));
        if (model.recommended()) {
            title.appendChild(Dom.text("span", "badge recommended", "Recommended"));
        }
        if (inUse) {
            title.appendChild(Dom.text("span", "badge in-use", loaded ? "In use · loaded" : "In use"));
        }
        root.appendChild(title);
        root.appendChild(Dom.text("p", "model-facts", facts(model)));
        root.appendChild(licence(accepted));
        HTMLElement fits = Dom.el("ul", "model-fit");
        fits.setAttribute("data-fits", fit.fits() ? "yes" : "no");
        for (String line : fit.lines()) {
            fits.appendChild(Dom.text("li", null, line));
        }
        root.appendChild(fits);
        root.appendChild(Dom.text("p", "model-status", statusText()));
        progressLine = null;
        progressBar = null;
        if (status == Status.DOWNLOADING) {
            progressBar = Dom.el("progress", "model-progress");
            progressBar.setAttribute("max", String.valueOf(model.bytes()));
            progressBar.setAttribute("value", String.valueOf(have));
            progressBar.setAttribute("aria-label", "Download of " + model.displayName());
            root.appendChild(progressBar);
            progressLine = Dom.text("p", "model-progress-text", progressText(have, model.bytes(), -1, -1));
            progressLine.setAttribute("aria-live", "polite");
            root.appendChild(progressLine);
        }
        if (askingLicence) {
            root.appendChild(terms());
        }
        if (errorMessage != null) {
            HTMLElement error = Dom.text("p", "model-error", errorMessage);
            error.setAttribute("role", "alert");
            error.setAttribute("data-code", errorCode);
            root.appendChild(error);
        }
        root.appendChild(buttons(inUse, loaded));
    }

    /** Bytes arrived: the bar and its line, in place. */
    void progress(double loaded, double total, double rate, double secondsLeft) {
        have = (long) loaded;
        if (progressBar != null) {
            progressBar.setAttribute("value", String.valueOf((long) loaded));
            progressLine.setTextContent(progressText(loaded, total, rate, secondsLeft));
        }
    }

    static String progressText(double loaded, double total, double rate, double secondsLeft) {
        StringBuilder b = new StringBuilder(DeviceFit.size(loaded)).append(" of ").append(DeviceFit.size(total));
        if (total > 0) {
            b.append(" (").append(Math.round(loaded * 100 / total)).append(" %)");
        }
        if (rate > 0) {
            b.append(" · ").append(DeviceFit.size(rate)).append("/s");
        }
        if (secondsLeft >= 0) {
            b.append(" · ").append(Math.round(secondsLeft)).append(" s left");
        }
        return b.toString();
    }

    private String statusText() {
        switch (status) {
            case CHECKING:
                return "Checking browser storage…";
            case STORED:
                return "Stored and whole (checked against its SHA-256 record at start): works offline.";
            case PARTIAL:
                return "Partly downloaded: " + DeviceFit.size(have) + " of " + DeviceFit.size(model.bytes())
                        + ". Resume continues from there (needs the network).";
            case LOST:
                return "Lost: " + lostReason + " Download it again to use it (needs the network).";
            case DOWNLOADING:
                return "Downloading into browser storage…";
            default:
                return "Not stored: download it to use it (needs the network).";
        }
    }

    /** "1.2 MB on disk · F32 · about 260 thousand parameters · 2048-token context". */
    static String facts(ModelRef m) {
        ModelRef.Parameters p = m.parameters();
        String about = p.approximate() ? "about " : "";
        String params = p.active() == p.total() ? about + count(p.total()) + " parameters"
                : about + count(p.total()) + " parameters, " + count(p.active()) + " active";
        return DeviceFit.size(m.bytes()) + " on disk · " + m.quantization() + " · " + params + " · "
                + m.contextLength() + "-token context · " + m.architecture();
    }

    static String count(long n) {
        if (n >= 1_000_000_000L) {
            return Format.decimal(n / 1e9) + " billion";
        }
        if (n >= 1_000_000L) {
            return Format.decimal(n / 1e6) + " million";
        }
        return Math.round(n / 1e3) + " thousand";
    }

    private HTMLElement licence(boolean accepted) {
        ModelRef.License l = model.license();
        HTMLElement p = Dom.el("p", "model-licence");
        p.appendChild(Dom.doc().createTextNode("Licence: "));
        HTMLElement a = Dom.text("a", null, l.name());
        a.setAttribute("href", l.url());
        a.setAttribute("target", "_blank");
        a.setAttribute("rel", "noopener noreferrer");
        p.appendChild(a);
        if (l.acceptTerms()) {
            p.appendChild(Dom.doc().createTextNode(accepted ? " — terms accepted in this browser."
                    : " — its terms must be accepted before the download."));
        }
        return p;
    }

    private HTMLElement terms() {
        ModelRef.License l = model.license();
        HTMLElement box = Dom.el("div", "licence-terms");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", "Licence terms of " + model.displayName());
        box.appendChild(Dom.text("p", null, l.name() + ": " + l.terms() + " Read the full licence at the link above."));
        HTMLInputElement check = (HTMLInputElement) Dom.el("input", null);
        check.setAttribute("type", "checkbox");
        String id = "accept-" + model.id();
        check.setAttribute("id", id);
        HTMLElement label = Dom.text("label", null, "I accept the " + l.name());
        label.setAttribute("for", id);
        HTMLButtonElement go = Dom.button("Accept and download", "primary", () -> actions.accept(this));
        go.setDisabled(true);
        check.addEventListener("change", e -> go.setDisabled(!check.isChecked()));
        HTMLElement field = Dom.el("div", "field inline");
        field.appendChild(check);
        field.appendChild(label);
        box.appendChild(field);
        HTMLElement buttons = Dom.el("div", "buttons");
        buttons.appendChild(go);
        buttons.appendChild(Dom.button("Not now", "quiet", () -> {
            askingLicence = false;
            actions.cancel(this);
        }));
        box.appendChild(buttons);
        return box;
    }

    private HTMLElement buttons(boolean inUse, boolean loaded) {
        HTMLElement b = Dom.el("div", "buttons");
        switch (status) {
            case NOT_STORED:
                if (!askingLicence) {
                    b.appendChild(Dom.button("Download", "primary", () -> actions.download(this)));
                }
                break;
            case LOST:
                if (!askingLicence) {
                    b.appendChild(Dom.button("Download again", "primary", () -> actions.download(this)));
                }
                break;
            case PARTIAL:
                b.appendChild(Dom.button("Resume", "primary", () -> actions.download(this)));
                b.appendChild(Dom.button("Delete", "secondary", () -> actions.delete(this)));
                break;
            case DOWNLOADING:
                b.appendChild(Dom.button("Cancel", "secondary", () -> actions.cancel(this)));
                break;
            case STORED:
                // The chat's model that is not in GPU memory (a failed load, or a fresh page) can be
                // loaded from here without a first message; once loaded there is nothing to press.
                String label = !inUse ? "Use" : loaded ? "In use" : "Load";
                HTMLButtonElement use = Dom.button(label, "primary", () -> actions.use(this));
                use.setDisabled(inUse && loaded);
                b.appendChild(use);
                b.appendChild(Dom.button("Delete", "secondary", () -> actions.delete(this)));
                break;
            default:
                break;
        }
        return b;
    }
}
