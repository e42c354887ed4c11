package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The conversation library and the context's limits, in the workbench with the demo model: search,
 * rename, Markdown export, the context-full notice and its two ways on, and the privacy panel.
 */
class ConversationsTest extends WorkbenchPageTest {
    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator message() {
        return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message"));
    }

    private void ask(String text) {
        message().fill(text);
        message().press("Enter");
        waitForAnswer();
    }

    private void waitForAnswer() {
        try {
            // attached, not visible: the line is empty after a refused request
            page.waitForSelector("#run-stats[data-state=idle]", new Page.WaitForSelectorOptions().setTimeout(30_000)
                    .setState(WaitForSelectorState.ATTACHED));
            page.waitForFunction("() => !document.querySelector('[role=log] article[aria-busy=true]')");
        } catch (RuntimeException e) {
            throw new AssertionError("no answer: " + page.evaluate("() => document.getElementById('run-stats').outerHTML + ' busy='"
                    + " + document.querySelectorAll('[role=log] article[aria-busy=true]').length") + page.textContent("[role=log]")
                    + session.log(), e);
        }
    }

    private void settings(String... labelValue) {
        button("Settings").click();
        for (int i = 0; i < labelValue.length; i += 2) {
            Locator field = page.getByLabel(labelValue[i], new Page.GetByLabelOptions().setExact(true));
            field.fill(labelValue[i + 1]);
            field.dispatchEvent("change");
        }
        button("Close").first().click();
    }

    private List<String> titles() {
        return page.locator(".conversation-list .conversation .pick").allTextContents();
    }

    @Test
    void searchRenameAndMarkdownExport() throws IOException {
        settings("Max tokens", "8");
        ask("Once upon a time");
        button("New chat").click();
        assertTrue((Boolean) page.evaluate("() => document.activeElement.getAttribute('aria-label') === 'Message'"),
                "New chat puts focus in the message box");
        // Words the demo model never writes (its vocabulary is children's stories), so only the question matches.
        ask("The zebra xylophone");
        assertEquals(List.of("The zebra xylophone", "Once upon a time"), titles(), "newest first, titled by the question");

        Locator search = page.getByRole(AriaRole.SEARCHBOX, new Page.GetByRoleOptions().setName("Search conversations"));
        search.fill("XYLOPHONE");
        assertEquals(List.of("The zebra xylophone"), titles(), "search ignores case");
        search.fill("zebra qwertyuiop");
        assertEquals(List.of(), titles(), "every word must match");
        assertTrue(page.textContent(".conversation-list").contains("No conversation matches"));
        search.fill("");

        button("Rename").click();
        Locator title = page.getByLabel("Conversation title");
        title.fill("Elephants");
        title.press("Enter");
        assertEquals(List.of("Elephants", "Once upon a time"), titles());
        assertEquals("Elephants", page.textContent(".chat-title"));

        Download d = page.waitForDownload(() -> button("Markdown").click());
        String md = Files.readString(d.path(), StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# Elephants"), md);
        assertTrue(md.contains("The zebra xylophone"), md);
    }

    /**
     * A conversation that outgrows the context gets a notice with two ways on: drop the oldest turns
     * (the chat goes on) or a new chat with the last question.
     */
    @Test
    void aFullContextOffersToDropOldTurnsOrStartANewChat() {
        String longQuestion = "Once upon a time there was a little girl named Lily who loved to play outside in the park"
                + " with her big red ball and her dog";
        settings("Context length", "160", "Max tokens", "40", "Temperature", "0");
        ask("Once upon a time");
        ask(longQuestion);
        Locator notice = page.locator("[role=log] .notice[role=alert]");
        assertTrue(notice.textContent().contains("no longer fits"), notice.textContent() + session.log());
        assertTrue(notice.textContent().contains("context holds 160"), notice.textContent());
        assertEquals(1, page.locator("[role=log] article[data-role=assistant]").count(), "the failed answer is not kept");

        button("Drop the oldest turns").click();
        waitForAnswer();
        List<String> users = page.locator("[role=log] article[data-role=user] .content").allTextContents();
        assertEquals(List.of(longQuestion), users, "the oldest question and its answer went");
        assertEquals(1, page.locator("[role=log] article[data-role=assistant]").count(), session.log());
        assertEquals(0, page.locator("[role=log] .notice").count());

        ask(longQuestion + " and a cat");
        assertTrue(page.locator("[role=log] .notice[role=alert]").isVisible(), session.log());
        button("Start a new chat with this question").click();
        waitForAnswer();
        assertEquals(2, titles().size(), "a second conversation: " + titles());
        assertEquals(List.of(longQuestion + " and a cat"),
                page.locator("[role=log] article[data-role=user] .content").allTextContents());
        assertEquals(1, page.locator("[role=log] article[data-role=assistant]").count(), session.log());
    }

    /** The privacy panel lists the session's requests, the engine worker's model fetch among them, all on loopback. */
    @Test
    void privacyPanelListsEveryRequestAndWhereItWent() {
        ask("Once upon a time");
        assertTrue(page.textContent("#privacy-line").startsWith("0 requests left this machine"), page.textContent("#privacy-line"));
        page.click("#privacy-line");
        Locator dialog = page.getByRole(AriaRole.DIALOG);
        assertTrue(dialog.isVisible());
        assertEquals("0", dialog.locator(".privacy-summary").getAttribute("data-left"));
        Locator model = dialog.locator("tr").filter(new Locator.FilterOptions().setHasText("stories260K.gguf"));
        assertTrue(model.count() > 0, "the model file is listed: " + dialog.textContent());
        assertTrue(model.first().textContent().contains("engine worker"), model.first().textContent());
        assertTrue(model.first().textContent().contains("this machine"), model.first().textContent());
        Locator page = dialog.locator("tr").filter(new Locator.FilterOptions().setHasText("page.wasm"));
        assertTrue(page.first().textContent().contains("page"), dialog.textContent());
        ChatTest.shot(this.page, "7-privacy-panel");
    }
}
