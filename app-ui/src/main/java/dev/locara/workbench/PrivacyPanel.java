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
    private final HTMLElement blockedSummary;
    private final HTMLElement blockedRows;

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
        rows = table("requests", "Address", "Times", "Made by", "Went to");
        // What the Content-Security-Policy refused: a script or connection to another origin that
        // something on the page tried. It did not leave, but the user should know it was tried.
        root.appendChild(Dom.text("h3", null, "Blocked by the security policy"));
        blockedSummary = Dom.el("p", "blocked-summary");
        root.appendChild(blockedSummary);
        blockedRows = table("blocked", "Address", "Times", "Tried by", "Refused by the rule");
        log.onChange(() -> {
            if (isOpen(root)) {
                render();
            }
        });
    }

    /** A scrolling table of class {@code kind} with these column heads, added to the panel; returns its body. */
    private HTMLElement table(String kind, String... columns) {
        HTMLElement table = Dom.el("table", kind);
        HTMLElement headRow = Dom.el("tr", null);
        for (String c : columns) {
            HTMLElement th = Dom.text("th", null, c);
            th.setAttribute("scope", "col");
            headRow.appendChild(th);
        }
        HTMLElement thead = Dom.el("thead", null);
        thead.appendChild(headRow);
        table.appendChild(thead);
        HTMLElement body = Dom.el("tbody", null);
        table.appendChild(body);
        HTMLElement scroll = Dom.el("div", "table-scroll");
        scroll.appendChild(table);
        root.appendChild(scroll);
        return body;
    }

    /** The status bar's line. */
    String line() {
        if (!NetworkLog.isSupported()) {
            return "This browser cannot list its requests";
        }
        int off = log.leftMachine();
        int blocked = log.blockedCount();
        return Format.count(off, "request", "requests") + " left this machine"
                + (blocked == 0 ? "" : " · " + blocked + " blocked");
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
            boolean refused = e.destination() == Destination.ELSEWHERE && log.refusals(e.url()) >= e.count();
            HTMLElement tr = Dom.el("tr", e.destination() == Destination.ELSEWHERE && !refused ? "elsewhere" : null);
            tr.appendChild(Dom.text("td", "url", e.url().length() > 200 ? e.url().substring(0, 200) + "…" : e.url()));
            tr.appendChild(Dom.text("td", "num", String.valueOf(e.count())));
            tr.appendChild(Dom.text("td", null, String.join(", ", e.sources())));
            tr.appendChild(Dom.text("td", null, refused ? "nowhere: refused by the security policy" : e.destination().words()));
            rows.appendChild(tr);
        }
        int blocked = log.blockedCount();
        blockedSummary.setTextContent(blocked == 0 ? "Nothing on this page tried to reach another site."
                : Format.count(blocked, "attempt", "attempts") + " to load from or connect to another site were refused;"
                + " nothing was sent.");
        blockedSummary.setAttribute("data-blocked", String.valueOf(blocked));
        blockedRows.clear();
        for (NetworkLog.Blocked b : log.blocked()) {
            HTMLElement tr = Dom.el("tr", null);
            tr.appendChild(Dom.text("td", "url", b.url().length() > 200 ? b.url().substring(0, 200) + "…" : b.url()));
            tr.appendChild(Dom.text("td", "num", String.valueOf(b.count())));
            tr.appendChild(Dom.text("td", null, b.source()));
            tr.appendChild(Dom.text("td", null, b.directive()));
            blockedRows.appendChild(tr);
        }
    }

    @JSBody(params = "d", script = "if (typeof d.showModal === 'function') { d.showModal(); } else { d.setAttribute('open', ''); }")
    private static native void showModal(HTMLElement d);

    @JSBody(params = "d", script = "if (typeof d.close === 'function') { d.close(); } else { d.removeAttribute('open'); }")
    private static native void closeDialog(HTMLElement d);

    @JSBody(params = "d", script = "return d.hasAttribute('open');")
    private static native boolean isOpen(HTMLElement d);
}
