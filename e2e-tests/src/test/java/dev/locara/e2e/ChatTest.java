package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chat workbench with the demo model, used the way a person does: by the accessible names of
 * its controls (a textbox named "Message", buttons "Send", "Stop", "Regenerate", "New chat"). Its
 * screenshots go to target/screenshots, to be looked at.
 */
class ChatTest extends WorkbenchPageTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    private Locator message() {
        return page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Message"));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator answers() {
        return page.locator("[role=log] article[data-role=assistant]");
    }

    /** Waits until no answer streams, and returns the last answer's text. */
    private String lastAnswer() {
        page.waitForSelector("#run-stats[data-state=idle]", new Page.WaitForSelectorOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED)); // empty after a refusal
        page.waitForFunction("() => !document.querySelector('[role=log] article[aria-busy=true]')");
        return answers().last().locator(".content").textContent();
    }

    private void setting(String label, String value) {
        Locator field = page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
        field.fill(value);
        field.dispatchEvent("change");
    }

    static void shot(Page page, String name) {
        try {
            Files.createDirectories(SHOTS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")));
    }

    @Test
    void firstRunChatsInOneClickAndTheConversationSurvivesAReload() {
        assertTrue(page.getByText("Welcome to Locara").isVisible(), session.log());
        shot(page, "1-empty-state");
        button("Start chatting with the demo model").click();
        String first = lastAnswer();
        assertFalse(first.isBlank(), "the demo model answered" + session.log());
        Locator answer = answers().last();
        assertTrue(answer.locator(".who").textContent().contains("TinyStories"), "the answer names its model: "
                + answer.locator(".who").textContent());
        assertTrue(answer.locator(".stats").textContent().contains("tokens/s"), answer.locator(".stats").textContent());
        assertTrue(page.textContent("#run-stats").matches(".*context \\d+ / \\d+.*"), page.textContent("#run-stats"));
        Locator list = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Saved conversations"));
        assertTrue(list.textContent().contains("Tell me a story"), "titled by the first question: " + list.textContent());

        page.reload();
        page.waitForSelector("#status[data-state=ready]");
        list.getByRole(AriaRole.BUTTON).filter(new Locator.FilterOptions().setHasText("Tell me a story")).click();
        assertEquals(first, answers().last().locator(".content").textContent(), "the answer is still there after a reload");
        assertTrue(page.textContent("#privacy-line").startsWith("0 requests left this machine"), page.textContent("#privacy-line"));
        assertLoopbackOnly();
    }

    /** Settings reach the request: at temperature 0 the answer is the API's greedy answer, cut at Max tokens. */
    @Test
    @SuppressWarnings("unchecked")
    void settingsChangeTheRequestAndKeyboardDrivesTheChat() {
        button("Settings").click();
        setting("Temperature", "0");
        setting("Max tokens", "12");
        page.getByLabel("System prompt").fill("You tell short stories.");
        page.getByLabel("System prompt").dispatchEvent("change");
        shot(page, "3-settings");
        button("Close").first().click();
        message().fill("Once upon a time");
        message().press("Enter"); // Enter sends
        String answer = lastAnswer();
        java.util.Map<String, Object> api = (java.util.Map<String, Object>) session.call("() => locara.chat.completions.create("
                + "{model: 'stories260k', temperature: 0, max_tokens: 12, top_p: 0.95, top_k: 40, min_p: 0.05, repeat_penalty: 1.1,"
                + " messages: [{role: 'system', content: 'You tell short stories.'},"
                + " {role: 'user', content: 'Once upon a time'}]}).then(r => ({text: r.choices[0].message.content,"
                + " n: r.usage.completion_tokens}))");
        assertEquals(((String) api.get("text")).strip(), answer.strip(), "the chat sent the settings' request" + session.log());
        assertTrue(answers().last().locator(".stats").textContent().contains("12 tokens"), session.log());
        assertTrue((Boolean) page.evaluate("() => document.activeElement.getAttribute('aria-label') === 'Message'"),
                "focus stays in the message box after sending");

        // Shift+Enter adds a line; Escape stops a streaming answer.
        button("Settings").click();
        setting("Max tokens", "400");
        button("Close").first().click();
        message().fill("Tell me a long story");
        message().press("Shift+Enter");
        assertEquals("Tell me a long story\n", message().inputValue(), "Shift+Enter adds a line");
        message().press("Enter");
        page.waitForFunction("() => { const a = document.querySelector('[role=log] article[aria-busy=true] .content');"
                + " return a && a.textContent.length > 0; }");
        assertTrue(button("Stop").isVisible());
        page.keyboard().press("Escape");
        lastAnswer();
        assertTrue(answers().last().locator(".stats").textContent().contains("stopped"),
                answers().last().locator(".stats").textContent() + session.log());
        assertLoopbackOnly();
    }

    @Test
    void stopRegenerateAndEditAndResend() {
        button("Settings").click();
        setting("Max tokens", "300");
        button("Close").first().click();
        message().fill("Once upon a time");
        button("Send").click();
        page.waitForFunction("() => { const a = document.querySelector('[role=log] article[aria-busy=true] .content');"
                + " return a && a.textContent.length > 0; }");
        button("Stop").click();
        lastAnswer();
        assertTrue(answers().last().locator(".stats").textContent().contains("stopped"), session.log());

        String before = answers().last().getAttribute("data-id");
        button("Regenerate").click();
        lastAnswer();
        assertEquals(1, answers().count(), "regenerate replaces the last answer");
        assertNotEquals(before, answers().last().getAttribute("data-id"));

        page.locator("[role=log] article[data-role=user]").first().getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Edit")).click();
        Locator edit = page.getByLabel("Edit message");
        edit.fill("The little dog");
        button("Resend").click();
        lastAnswer();
        List<String> users = page.locator("[role=log] article[data-role=user] .content").allTextContents();
        assertEquals(List.of("The little dog"), users, "the edited message replaced the old one");
        assertEquals(1, answers().count());
        button("New chat").click();
        assertEquals(0, answers().count(), "a new chat is empty");
        assertTrue(message().isVisible());
    }

    /** Export, delete, import: the same conversation back, and a hostile file changes nothing. */
    @Test
    void exportThenImportGivesTheSameConversation() throws IOException {
        message().fill("Once upon a time");
        message().press("Enter");
        lastAnswer();
        String exported = exportAll();
        assertTrue(exported.contains("\"locara-conversations\""), exported);
        button("Delete").click();
        assertEquals(0, page.locator(".conversation-list .conversation").count());
        button("Undo").click();
        assertEquals(1, page.locator(".conversation-list .conversation").count(), "undo brings it back");
        button("Delete").click();

        Path bad = Files.createTempFile("bad", ".json");
        Files.writeString(bad, "{\"format\": \"something-else\", \"conversations\": []}");
        page.setInputFiles("input[type=file][accept^='.json']", bad);
        page.waitForFunction("() => document.querySelector('.toast').textContent.includes('Nothing was imported')");
        assertEquals(0, page.locator(".conversation-list .conversation").count(), "a refused import changes nothing");

        Path file = Files.createTempFile("export", ".json");
        Files.writeString(file, exported);
        page.setInputFiles("input[type=file][accept^='.json']", file);
        page.waitForFunction("() => document.querySelector('.toast').textContent.includes('Imported 1 conversation')");
        assertEquals(withoutStamp(exported), withoutStamp(exportAll()), "the import is the conversation exported");

        // An imported answer renders as Markdown: code highlighted with a copy button, a table, task
        // list, and the thinking folded away.
        page.setInputFiles("input[type=file][accept^='.json']", Path.of("src/test/resources/chat/markdown-conversation.json"));
        page.waitForFunction("() => document.querySelector('.toast').textContent.includes('Imported 1 conversation')");
        page.getByText("Sorting a list in Java").click();
        Locator answer = answers().last();
        assertEquals(1, answer.locator("pre code").count(), session.log());
        assertTrue(answer.locator("pre code span").count() > 0, "the code is highlighted" + session.log());
        assertEquals(1, answer.locator("table").count());
        assertEquals(2, answer.locator("input[type=checkbox]").count());
        assertFalse(answer.locator("details.thinking").getAttribute("open") != null, "thinking starts folded");
        shot(page, "2-markdown-and-code");
    }

    /**
     * The XSS corpus as a person would meet it in the chat: typed as prompts, and imported as a
     * conversation whose answers are the payloads. Nothing runs (a global flag any payload would set
     * stays unset, no dialog opens) and no request leaves the loopback server.
     */
    @Test
    void xssPayloadsAsPromptsAndImportedAnswersStayText() throws IOException {
        List<String> dialogs = new ArrayList<>();
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        String corpus = new String(ChatTest.class.getResourceAsStream("/xss/xss-payloads.json").readAllBytes(),
                StandardCharsets.UTF_8);
        button("Settings").click();
        setting("Max tokens", "4");
        button("Close").first().click();
        @SuppressWarnings("unchecked")
        List<String> typed = (List<String>) page.evaluate("(c) => JSON.parse(c).payloads.slice(0, 3).map(p => p.text)", corpus);
        for (String payload : typed) {
            message().fill(payload);
            message().press("Enter");
            lastAnswer();
        }
        assertEquals(typed, page.locator("[role=log] article[data-role=user] .content").allTextContents(),
                "prompts are shown as the text typed");
        String export = (String) page.evaluate("(c) => { const ps = JSON.parse(c).payloads; const messages = [];"
                + " ps.forEach((p, i) => { messages.push({id: 'u' + i, role: 'user', content: p.text, createdAt: 1});"
                + "  messages.push({id: 'a' + i, role: 'assistant', content: p.text, reasoning: p.text, model: 'stories260k',"
                + "   createdAt: 1}); });"
                + " return JSON.stringify({format: 'locara-conversations', version: 1, exported: 1, conversations: [{id: 'xss',"
                + "  title: ps[0].text, titleEdited: true, systemPrompt: ps[1].text, createdAt: 1, updatedAt: 9e12,"
                + "  sampling: {temperature: 0.8, topP: 0.95, topK: 40, minP: 0.05, repeatPenalty: 1.1, maxTokens: 512,"
                + "   seed: -1, contextLength: 0}, messages}]}); }", corpus);
        page.setInputFiles("input[type=file][accept^='.json']", new com.microsoft.playwright.options.FilePayload(
                "hostile.json", "application/json", export.getBytes(StandardCharsets.UTF_8)));
        page.waitForFunction("() => document.querySelector('.toast').textContent.includes('Imported 1 conversation')");
        page.locator(".conversation-list .conversation .pick").first().click();
        int payloads = ((Number) page.evaluate("(c) => JSON.parse(c).payloads.length", corpus)).intValue();
        assertTrue(payloads >= 100, payloads + " payloads");
        assertEquals(payloads, answers().count(), "every payload shown as an answer");
        page.waitForTimeout(1000); // late handlers (an image's error event, a meta refresh) get their chance
        assertEquals(null, page.evaluate("() => window.__xss === undefined ? null : String(window.__xss)"), session.log());
        assertEquals(List.of(), dialogs, "a payload opened a dialog");
        assertEquals(0, ((Number) page.evaluate("() => document.querySelectorAll('[role=log] script, [role=log] iframe,"
                + " [role=log] object, [role=log] embed, [role=log] svg, [role=log] math, [role=log] style, [role=log] form').length"))
                .intValue(), "a dangerous element reached the page");
        assertTrue(page.url().startsWith(browser.url()), "the page navigated away: " + page.url());
        assertLoopbackOnly();
    }

    private String exportAll() {
        Download d = page.waitForDownload(() -> button("Export all").click());
        try {
            return Files.readString(d.path(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withoutStamp(String export) {
        return export.replaceAll("\"exported\": *[0-9]+", "");
    }

    /** The workbench at phone width (360 px) and in the dark theme: nothing wider than the window. */
    @Test
    void phoneWidthAndDarkTheme() {
        message().fill("Once upon a time");
        message().press("Enter");
        lastAnswer();
        page.setViewportSize(360, 740);
        Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        Object wide = page.evaluate("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
                + " > window.innerWidth + 1 && e.offsetParent !== null).map(e => e.tagName + '.' + e.className).slice(0, 8).join(' ')");
        assertEquals(0, ((Number) overflow).intValue(), "the page is wider than a 360 px window: " + wide);
        assertTrue(message().isVisible() && button("Send").isVisible(), "the composer fits");
        shot(page, "5-phone-width");
        button("Conversations").click();
        page.waitForTimeout(300); // the drawer's slide-in transition
        shot(page, "6-phone-conversations");

        try (BrowserContext dark = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setColorScheme(ColorScheme.DARK))) {
            Page p = dark.newPage();
            p.setDefaultTimeout(120_000);
            p.navigate(browser.url());
            p.waitForSelector("#status[data-state=ready]");
            String bg = (String) p.evaluate("() => getComputedStyle(document.body).backgroundColor");
            assertEquals("rgb(23, 25, 28)", bg, "the dark theme follows the system");
            shot(p, "4-dark-theme");
        }
    }

    private void assertLoopbackOnly() {
        List<String> requests;
        synchronized (session.requests) {
            requests = new ArrayList<>(session.requests);
        }
        for (String url : requests) {
            assertTrue(url.startsWith(browser.url()) || url.startsWith("data:") || url.startsWith("blob:"),
                    "request left the loopback server: " + url + session.log());
        }
    }
}
