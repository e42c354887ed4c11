package dev.locara.e2e;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The lifecycle the workbench page tests share: one headless Chromium with WebGPU per test class,
 * and per test a fresh page on the workbench whose engine is up.
 */
abstract class WorkbenchPageTest {
    static Browser browser;
    Browser.Session session;
    Page page;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser(true);
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
        session = browser.openWorkbench();
        page = session.page;
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }
}
