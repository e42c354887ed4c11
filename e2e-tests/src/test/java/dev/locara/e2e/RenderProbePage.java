package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The lifecycle of the renderer's page tests: the workbench page, whose main defines
 * self.locaraRenderProbe (MarkdownView.installTestHook), in a fresh context per test, with the page's
 * Content-Security-Policy bypassed, so that only the renderer stands between a payload and the page
 * (the policy forbids inline handlers and javascript: URLs by itself and would hide a renderer bug).
 * No WebGPU: the engine is not needed, and its start would only take the CPU.
 */
abstract class RenderProbePage {
    static Browser browser;
    BrowserContext context;
    Browser.Session session;
    Page page;
    /** Every dialog the page opened (alert, confirm, prompt), dismissed at once. */
    final List<String> dialogs = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void startBrowser() {
        browser = new Browser(false);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setBypassCSP(true));
        page = context.newPage();
        session = new Browser.Session(page);
        page.setDefaultTimeout(120_000);
        page.onDialog(d -> {
            dialogs.add(d.type() + ": " + d.message());
            d.dismiss();
        });
        page.navigate(browser.url());
        page.waitForFunction("() => typeof self.locaraRenderProbe === 'object'");
        assertEquals(true, page.evaluate("() => typeof DOMPurify === 'function' && typeof hljs === 'object'"),
                "the vendor scripts did not load" + session.log());
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    /** Requests that went anywhere but the loopback server (data: URIs never leave the page). */
    List<String> requestsElsewhere() {
        synchronized (session.requests) {
            return session.requests.stream()
                    .filter(u -> !u.startsWith(browser.url()) && !u.startsWith("data:"))
                    .toList();
        }
    }
}
