package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Download once, then fully local": after one online visit and one model download, the page, the engine
 * and the model load and generate with the network off, served by the service worker's shell cache and OPFS.
 */
class OfflineTest {

    private static void awaitReady(Browser.Session session) {
        Page page = session.page;
        page.waitForSelector("#status[data-state=ready], #status[data-state=error]");
        assertEquals("ready", page.getAttribute("#status", "data-state"), page.textContent("#status") + session.log());
    }

    @Test
    @SuppressWarnings("unchecked")
    void storedModelGeneratesWithTheNetworkOff() {
        try (Browser browser = new Browser(true)) {
            Browser.Session session = browser.open();
            Page page = session.page;
            page.setDefaultTimeout(120_000);
            page.navigate(browser.url());
            awaitReady(session);
            // The shell is cached once the worker is active: 'ready' resolves only after install succeeded.
            Object scope = session.call("async () => (await navigator.serviceWorker.ready).scope");
            assertEquals(browser.url(), scope, session.log());
            Map<String, Object> stored = (Map<String, Object>) session.call("() => locara.models.download('stories260k')");
            assertEquals("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d", stored.get("sha256"),
                    stored + session.log());

            List<Request> finished = Collections.synchronizedList(new ArrayList<>());
            List<String> failed = Collections.synchronizedList(new ArrayList<>());
            page.context().onRequestFinished(finished::add);
            page.context().onRequestFailed(r -> failed.add(r.url() + " " + r.failure()));
            page.context().setOffline(true);
            page.reload();
            awaitReady(session);
            assertEquals(Boolean.TRUE, session.call("async () => navigator.serviceWorker.controller !== null"),
                    "the reloaded page is served by the service worker" + session.log());
            Map<String, Object> completion = (Map<String, Object>) session.call("() => locara.completions.create("
                    + "{model: 'stories260k', prompt: 'Once upon a time', max_tokens: 64, temperature: 0})");
            Map<String, Object> choice = ((List<Map<String, Object>>) completion.get("choices")).get(0);
            List<Integer> tokens = new ArrayList<>();
            for (Object o : (List<Object>) choice.get("token_ids")) {
                tokens.add(((Number) o).intValue());
            }
            assertEquals(WorkbenchTest.GREEDY_64, tokens, "greedy generation offline, from the stored model" + session.log());

            assertEquals(List.of(), failed, "nothing tried the network while offline" + session.log());
            ServedRequests served = ServedRequests.of(finished);
            List<String> urls = served.urls();
            assertTrue(urls.stream().anyMatch(u -> u.endsWith("/engine.wasm")), urls + session.log());
            assertTrue(urls.stream().anyMatch(u -> u.endsWith(".wgsl")), "kernels came from the shell cache: " + urls);
            assertTrue(urls.stream().noneMatch(u -> u.contains("/models/")), "the model came from OPFS: " + urls);
            assertEquals(List.of(), served.notFromServiceWorker(), "every request was answered by the service worker" + session.log());
            page.context().close();
        }
    }
}
