package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tab killed while an answer is being written (closed without its unload handlers, its engine
 * worker ended with it, as a killed tab or a crash ends them): reopened, the
 * conversation is there with every earlier message as it was, the question in flight too, and at
 * most the answer in flight is lost or cut (then marked); the store reads back whole.
 */
class PageCrashTest {
    @Test
    void aTabKilledMidAnswerLosesAtMostThatAnswer() {
        try (Browser browser = new Browser(true)) {
            BrowserContext context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions());
            Page page = open(context, browser);
            Browser.Session s = new Browser.Session(page);
            Locator message = page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message"));
            message.fill("Once upon a time");
            message.press("Enter");
            GpuLostTest.waitIdle(page, 1);
            Locator articles = page.locator("[role=log] article");
            List<String> before = articles.locator(".content").allTextContents();
            assertEquals(2, before.size(), s.log());

            // A long answer, killed once it has streamed for over a second (a save of it is then due).
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Settings").setExact(true)).click();
            Locator max = page.getByLabel("Max tokens", new Page.GetByLabelOptions().setExact(true));
            max.fill("2000");
            max.dispatchEvent("change");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close").setExact(true)).first().click();
            message.fill("Tell me a long story about a dog");
            message.press("Enter");
            page.waitForFunction("() => { const a = document.querySelector('[role=log] article[aria-busy=true] .content');"
                    + " return a && a.textContent.length > 0; }");
            page.waitForTimeout(1500);
            assertEquals(1, page.locator("[role=log] article[aria-busy=true]").count(),
                    "the answer must still be streaming when the tab dies (it ended first: ask for a longer one)" + s.log());
            page.close(); // without beforeunload: the tab is gone as it streams, its worker with it

            Page again = open(context, browser);
            Browser.Session s2 = new Browser.Session(again);
            again.waitForSelector(".conversation-list .conversation .pick");
            assertEquals(1, again.locator(".conversation-list .conversation").count(), again.textContent(".conversation-list"));
            again.click(".conversation-list .conversation .pick");
            again.waitForSelector("[role=log] article[data-role=user] >> nth=1");
            Locator now = again.locator("[role=log] article");
            List<String> after = now.locator(".content").allTextContents();
            assertEquals(before, after.subList(0, 2), "every earlier message is there as it was" + s2.log());
            assertEquals("Tell me a long story about a dog", after.get(2), "the question in flight was saved");
            assertTrue(after.size() <= 4, after.toString());
            if (after.size() == 4) {
                assertTrue(!after.get(3).isBlank(), "a kept partial answer has text");
                assertEquals("interrupted: the page closed while this answer was written",
                        now.nth(3).locator(".stats").textContent(), "and is marked as cut");
            }
            assertTrue(again.locator(".storage-warning").isHidden(), "the store opened without a problem: "
                    + again.textContent(".storage-warning"));
            // It reads back whole: the chat goes on from it.
            message = again.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message"));
            message.fill("And then?");
            message.press("Enter");
            GpuLostTest.waitIdle(again, after.size() == 4 ? 3 : 2);
            assertEquals(0, again.locator(".notice.error").count(), again.textContent("[role=log]") + s2.log());
            context.close();
        }
    }

    private static Page open(BrowserContext context, Browser browser) {
        Page page = context.newPage();
        page.setDefaultTimeout(120_000);
        page.navigate(browser.url());
        page.waitForSelector("#status[data-state=ready]");
        return page;
    }
}
