package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workbench with the network off: after one visit and one download of the demo model, a reload offline
 * brings back the conversation with its settings, the chat answers from the stored model, a model that is not
 * stored says it needs the network, and the shell cache holds the app only, never a model.
 */
class OfflineWorkbenchTest {
    private static final String MODEL_FILE = "/models/stories260K.gguf";

    @Test
    @SuppressWarnings("unchecked")
    void aReloadOfflineBringsBackTheWorkbenchAndTheChatWorks() {
        try (Browser browser = new Browser(true)) {
            Browser.Session session = browser.openWorkbench();
            Page page = session.page;
            page.waitForFunction("() => navigator.serviceWorker.controller !== null");
            Map<String, Object> stored = (Map<String, Object>) session.call("() => locara.models.download('stories260k')");
            assertEquals("270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d", stored.get("sha256"),
                    stored + session.log());

            // Online: a conversation with its own settings.
            button(page, "Settings").click();
            setting(page, "Temperature", "0");
            setting(page, "Max tokens", "12");
            page.getByLabel("System prompt").fill("You tell short stories.");
            page.getByLabel("System prompt").dispatchEvent("change");
            button(page, "Close").first().click();
            message(page).fill("Once upon a time");
            message(page).press("Enter");
            String online = lastAnswer(page);
            assertFalse(online.isBlank(), session.log());

            List<Request> finished = Collections.synchronizedList(new ArrayList<>());
            List<String> failed = Collections.synchronizedList(new ArrayList<>());
            page.context().onRequestFinished(finished::add);
            page.context().onRequestFailed(r -> failed.add(r.url()));
            page.context().setOffline(true);
            page.reload();
            page.waitForSelector("#status[data-state=ready], #status[data-state=error]");
            assertEquals("ready", page.getAttribute("#status", "data-state"), page.textContent("#status") + session.log());

            // The conversation and its settings, from IndexedDB.
            Locator list = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Saved conversations"));
            list.getByRole(AriaRole.BUTTON).filter(new Locator.FilterOptions().setHasText("Once upon a time")).click();
            assertEquals(online, answers(page).last().locator(".content").textContent(), "the answer is still there");
            button(page, "Settings").click();
            assertEquals(0.0, Double.parseDouble(page.getByLabel("Temperature", new Page.GetByLabelOptions().setExact(true)).inputValue()));
            assertEquals("12", page.getByLabel("Max tokens", new Page.GetByLabelOptions().setExact(true)).inputValue());
            assertEquals("You tell short stories.", page.getByLabel("System prompt").inputValue());
            button(page, "Close").first().click();

            // The chat answers offline, from the stored model: regenerating gives the greedy answer again, the
            // API's for the same request.
            button(page, "Regenerate").click();
            String offline = lastAnswer(page);
            ChatTest.shot(page, "offline-chat");
            Object api = session.call("() => locara.chat.completions.create({model: 'stories260k', temperature: 0,"
                    + " max_tokens: 12, top_p: 0.95, top_k: 40, min_p: 0.05, repeat_penalty: 1.1,"
                    + " messages: [{role: 'system', content: 'You tell short stories.'},"
                    + " {role: 'user', content: 'Once upon a time'}]}).then(r => r.choices[0].message.content)");
            assertEquals(((String) api).strip(), offline.strip(), "the offline chat's answer is the API's" + session.log());
            assertEquals(online, offline, "offline answers as online did");
            System.out.println("offline answer: " + offline);

            // A model that is not stored cannot load without the network, and the chat says so.
            page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Model"))
                    .selectOption("smollm2-360m-instruct-q4_k_m");
            message(page).fill("Hello");
            message(page).press("Enter");
            Locator notice = page.locator(".notice.error[role=alert]");
            notice.waitFor();
            System.out.println("not stored, offline: " + notice.textContent());
            assertTrue(notice.textContent().contains("is not stored in this browser, so it needs the network"),
                    notice.textContent() + session.log());
            ChatTest.shot(page, "offline-model-not-stored");

            // Only that model's file tried the network; everything else came from the worker's shell cache (the
            // stored model from OPFS, which is no request at all).
            synchronized (failed) {
                assertEquals(List.of(browser.url() + "models/SmolLM2-360M-Instruct-Q4_K_M.gguf"),
                        failed.stream().distinct().toList(), session.log());
            }
            ServedRequests served = ServedRequests.of(finished);
            List<String> urls = served.urls();
            assertTrue(urls.stream().anyMatch(u -> u.endsWith("/page.wasm")), urls.toString());
            assertTrue(urls.stream().noneMatch(u -> u.endsWith(MODEL_FILE)), "the demo model came from OPFS: " + urls);
            assertEquals(List.of(), served.notFromServiceWorker(), "every request was answered by the service worker");

            List<String> cached = (List<String>) session.call("async () => { const urls = [];"
                    + " for (const name of await caches.keys()) { for (const r of await (await caches.open(name)).keys()) {"
                    + " urls.push(r.url); } } return urls; }");
            System.out.println("shell cache: " + cached.size() + " entries");
            assertTrue(cached.stream().anyMatch(u -> u.endsWith("/engine.wasm")), cached.toString());
            assertTrue(cached.stream().noneMatch(u -> u.contains("/models/") || u.endsWith(".gguf")),
                    "no model in the shell cache: " + cached);
            page.context().close();
        }
    }

    private static Locator message(Page page) {
        return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message"));
    }

    private static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator answers(Page page) {
        return page.locator("[role=log] article[data-role=assistant]");
    }

    private static String lastAnswer(Page page) {
        page.waitForSelector("#run-stats[data-state=idle]");
        page.waitForFunction("() => !document.querySelector('[role=log] article[aria-busy=true]')");
        return answers(page).last().locator(".content").textContent();
    }

    private static void setting(Page page, String label, String value) {
        Locator field = page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
        field.fill(value);
        field.dispatchEvent("change");
    }
}
