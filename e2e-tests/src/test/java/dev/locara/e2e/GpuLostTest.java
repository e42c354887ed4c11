package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.Worker;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ServiceWorkerPolicy;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.Test;

/**
 * The WebGPU device lost in the middle of an answer, as a driver reset or the browser reclaiming the
 * GPU loses it: the chat says so in words, keeps what was written and marks it, and the next message
 * loads the model onto a fresh device and is answered.
 *
 * <p>The app keeps its device to itself, so the test reaches it from outside: its copy of the engine
 * worker's bootstrap script (served by the test's route, never by the server) records each device the
 * worker creates, and destroys the newest one after a given number of streamed tokens, inside the
 * worker, while the engine is between two tokens. The app runs unchanged.
 */
class GpuLostTest {
    /** Prepended to engine-worker.js in this test only. */
    private static final String DEVICE_TAP = "(() => { const devices = []; self.testDevices = devices;"
            + " const request = GPUAdapter.prototype.requestDevice;"
            + " GPUAdapter.prototype.requestDevice = async function (d) { const v = await request.call(this, d);"
            + " devices.push(v); return v; };"
            + " const post = self.postMessage.bind(self); let tokens = 0;"
            + " self.postMessage = function (m, t) { post(m, t);"
            + " if (m && m.kind === 'chat_token' && self.testDestroyAfter > 0 && ++tokens === self.testDestroyAfter) {"
            + " self.testDestroyAfter = 0; tokens = 0; devices[devices.length - 1].destroy(); } }; })();\n";

    @Test
    void aDeviceLostMidAnswerIsSaidKeptAndTheNextMessageReloads() {
        try (Browser browser = new Browser(true);
             BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                     .setServiceWorkers(ServiceWorkerPolicy.BLOCK))) { // so the route sees the worker's script
            context.route("**/engine-worker.js", route -> {
                APIResponse original = route.fetch();
                route.fulfill(new Route.FulfillOptions().setResponse(original).setBody(DEVICE_TAP + original.text()));
            });
            Page page = context.newPage();
            Browser.Session s = new Browser.Session(page);
            page.setDefaultTimeout(120_000);
            page.navigate(browser.url());
            page.waitForSelector("#status[data-state=ready]");
            Worker engine = engineWorker(page);
            assertEquals(1, ((Number) engine.evaluate("() => self.testDevices.length")).intValue(), s.log());

            Locator message = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message"));
            message.fill("Once upon a time");
            message.press("Enter");
            waitIdle(page, 1);
            String first = page.locator("[role=log] article[data-role=assistant] .content").first().textContent();
            assertTrue(!first.isBlank(), "a first answer" + s.log());

            engine.evaluate("() => { self.testDestroyAfter = 6; }");
            message.fill("Tell me about a dog");
            message.press("Enter");
            waitIdle(page, 2);
            Locator notice = page.locator(".notice.error");
            assertTrue(notice.textContent().startsWith("The GPU was reset while this ran"), notice.textContent() + s.log());
            assertTrue(notice.textContent().contains("What was written so far is kept"), notice.textContent());
            Locator answers = page.locator("[role=log] article[data-role=assistant]");
            assertEquals(2, answers.count(), "the cut answer stays" + s.log());
            assertTrue(!answers.nth(1).locator(".content").textContent().isBlank(), "its text stays");
            assertTrue(answers.nth(1).locator(".stats").textContent()
                    .endsWith("interrupted: the GPU was reset while this answer was written"),
                    answers.nth(1).locator(".stats").textContent());
            assertEquals(first, answers.nth(0).locator(".content").textContent(), "the earlier answer is untouched");

            // The next message loads the model onto a new device, and is answered.
            message.fill("Once upon a time");
            message.press("Enter");
            waitIdle(page, 3);
            assertEquals(0, page.locator(".notice.error").count(), page.textContent("[role=log]") + s.log());
            assertEquals(3, answers.count());
            assertTrue(!answers.nth(2).locator(".content").textContent().isBlank(), "answered on the fresh device" + s.log());
            assertTrue(answers.nth(2).locator(".stats").textContent().contains("tokens/s"),
                    answers.nth(2).locator(".stats").textContent());
            assertEquals(2, ((Number) engine.evaluate("() => self.testDevices.length")).intValue(),
                    "a fresh device was opened" + s.log());
            assertEquals(true, engine.evaluate("() => self.testDevices[0].lost.then(i => i.reason === 'destroyed')"));

            // The conversation as stored says the same: the cut answer with its mark, read back after a reload.
            page.reload();
            page.waitForSelector("#status[data-state=ready]");
            page.click(".conversation-list .conversation .pick");
            page.waitForSelector("[role=log] article[data-role=assistant] >> nth=2");
            assertTrue(answers.nth(1).locator(".stats").textContent().contains("the GPU was reset"),
                    answers.nth(1).locator(".stats").textContent());
        }
    }

    /** The engine's worker: the store check runs the same script beside it, under a name of its own. */
    static Worker engineWorker(Page page) {
        return page.workers().stream().filter(w -> w.url().endsWith("engine-worker.js")
                && "".equals(w.evaluate("() => self.name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no engine worker among " + page.workers()));
    }

    /** Until the chat holds {@code answers} answers and none is being written. */
    static void waitIdle(Page page, int answers) {
        page.waitForFunction("n => document.querySelectorAll('[role=log] article[data-role=assistant]').length >= n", answers);
        page.waitForSelector("#run-stats[data-state=idle]", new Page.WaitForSelectorOptions()
                .setState(WaitForSelectorState.ATTACHED));
        page.waitForFunction("() => !document.querySelector('[role=log] article[aria-busy=true]')");
    }
}
