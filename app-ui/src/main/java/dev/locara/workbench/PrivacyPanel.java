package dev.locara.workbench;

import dev.locara.privacy.Destination;
import dev.locara.privacy.NetworkLog;
import org.teavm.jso.JSBody;
import org.teavm.jso.dom.html.HTMLElement;

/**
 * Every network request of this session, listed with who made it and where it went; the status bar's
 * one line ("0 requests left this machine") opens it. The figures are the browser's own records.
 */
final class PrivacyPanel {
    private final NetworkLog log;
    final HTMLElement root;
    private final HTMLElement summary;
    private final HTMLElement rows;

    PrivacyPanel(NetworkLog log) {
        this.log = log;
        root = Dom.el("dialog", "privacy");
        root.setAttribute("id", "privacy");
        root.setAttribute("aria-labelledby", "privacy-heading");
        HTMLElement head = Dom.el("div", "panel-head");
        HTMLElement h = Dom.text("h2", null, "Network requests in this session");
        h.setAttribute("id", "privacy-heading");
        head.appendChild(h);
        head.appendChild(Dom.button("Close", "quiet", this::close));
        root.appendChild(head);
        summary = Dom.el("p", "privacy-summary");
        root.appendChild(summary);
        root.appendChild(Dom.text("p", "hint", "Recorded by the browser itself (Resource Timing in the page and in the"
                + " engine's worker, and the service worker's view). Models and the app come from the server on this"
                + " machine; after a model is stored, nothing needs the network."));
        HTMLElement table = Dom.el("table", "requests");
        HTMLElement headRow = Dom.el("tr", null);
        for (String c : new String[] {"Address", "Times", "Made by", "Went to"}) {
            HTMLElement th = Dom.text("th", null, c);
            th.setAttribute("scope", "col");
            headRow.appendChild(th);
        }
        HTMLElement thead = Dom.el("thead", null);
        thead.appendChild(headRow);
        table.appendChild(thead);
        rows = Dom.el("tbody", null);
        table.appendChild(rows);
        HTMLElement scroll = Dom.el("div", "table-scroll");
        scroll.appendChild(table);
        root.appendChild(scroll);
        log.onChange(() -> {
            if (isOpen(root)) {
                render();
            }
        });
    }

    /** The status bar's line. */
    String line() {
        if (!NetworkLog.isSupported()) {
            return "This browser cannot list its requests";
        }
        int off = log.leftMachine();
        return Format.count(off, "request", "requests") + " left this machine";
    }

    void open() {
        render();
        showModal(root);
    }

    private void close() {
        closeDialog(root);
    }

    private void render() {
        int off = log.leftMachine();
        summary.setTextContent(Format.count(log.total(), "request", "requests") + " so far; "
                + (off == 0 ? "every one stayed on this machine." : off + " left this machine."));
        summary.setAttribute("data-left", String.valueOf(off));
        rows.clear();
        for (NetworkLog.Entry e : log.entries()) {
            HTMLElement tr = Dom.el("tr", e.destination() == Destination.ELSEWHERE ? "elsewhere" : null);
            tr.appendChild(Dom.text("td", "url", e.url().length() > 200 ? e.url().substring(0, 200) + "…" : e.url()));
            tr.appendChild(Dom.text("td", "num", String.valueOf(e.count())));
            tr.appendChild(Dom.text("td", null, String.join(", ", e.sources())));
            tr.appendChild(Dom.text("td", null, e.destination().words()));
            rows.appendChild(tr);
        }
    }

    @JSBody(params = "d", script = "if (typeof d.showModal === 'function') { d.showModal(); } else { d.setAttribute('open', ''); }")
    private static native void showModal(HTMLElement d);

    @JSBody(params = "d", script = "if (typeof d.close === 'function') { d.close(); } else { d.removeAttribute('open'); }")
    private static native void closeDialog(HTMLElement d);

    @JSBody(params = "d", script = "return d.hasAttribute('open');")
    private static native boolean isOpen(HTMLElement d);
}
