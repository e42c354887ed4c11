package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A rebuilt app shell is offered, not forced: served version A, then B on disk, a reload shows "A new version
 * of Locara is ready." while A still runs; "Reload to update" brings B in, and A's cache is gone.
 */
class ShellUpdateTest {
    private static final String MARKER = "\n:root { --shell-build: b; }\n";

    @Test
    void aRebuiltShellIsOfferedAndTakenWithOneClick() {
        WebappCopy app = new WebappCopy();
        String a = app.version();
        try (Browser browser = new Browser(false, app.dir)) {
            Browser.Session session = browser.open();
            Page page = session.page;
            page.setDefaultTimeout(120_000);
            page.navigate(browser.url());
            awaitController(session);
            assertEquals(List.of("locara-shell-" + a), caches(session), "the first install activates at once" + session.log());
            Locator banner = page.locator(".update-banner[role=status]");
            assertEquals("", banner.textContent(), "no offer without a new version");

            String b = app.rebuild("style.css", MARKER);
            assertNotEquals(a, b);
            page.reload();
            Locator offer = page.getByText("A new version of Locara is ready.");
            offer.waitFor();
            page.screenshot(new Page.ScreenshotOptions().setPath(ChatTest.SHOTS.resolve("update-offered.png")));
            System.out.println("offered: " + banner.textContent() + "; caches " + caches(session));
            assertEquals("", build(page), "version A still runs until the click" + session.log());
            assertEquals(Stream.of("locara-shell-" + a, "locara-shell-" + b).sorted().toList(), caches(session),
                    "B waits beside A" + session.log());

            page.waitForNavigation(() -> page.getByRole(AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Reload to update")).click());
            page.waitForLoadState();
            awaitController(session);
            assertEquals("b", build(page), "the reloaded page runs version B" + session.log());
            assertEquals(List.of("locara-shell-" + b), caches(session), "version A's cache is gone" + session.log());
            assertEquals(Boolean.FALSE, session.call("async () => !!(await navigator.serviceWorker.getRegistration()).waiting"));
            assertEquals("", banner.textContent(), "nothing more to offer");
            System.out.println("updated from " + a + " to " + b + "; caches " + caches(session));
            page.context().close();
        }
    }

    private static void awaitController(Browser.Session session) {
        session.page.waitForFunction("() => navigator.serviceWorker.controller !== null");
    }

    @SuppressWarnings("unchecked")
    private static List<String> caches(Browser.Session session) {
        return (List<String>) session.call("async () => (await caches.keys()).sort()");
    }

    /** The marker that only version B's style.css sets. */
    private static String build(Page page) {
        return ((String) page.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--shell-build')"))
                .strip();
    }
}
