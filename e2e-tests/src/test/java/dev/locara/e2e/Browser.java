package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.locara.server.ServerOptions;
import dev.locara.server.StaticServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The server (in-process, free port, the demo model's folder or another models folder) and a headless Chromium with WebGPU.
 * Debian's /usr/bin/chromium is used when present (Playwright cannot download browsers on these
 * machines); elsewhere Playwright's own Chromium.
 */
final class Browser implements AutoCloseable {
    private static final Path SYSTEM_CHROMIUM = Path.of("/usr/bin/chromium");

    final StaticServer server;
    final Playwright playwright;
    final com.microsoft.playwright.Browser browser;
    private final BrowserType.LaunchOptions launch;

    /** The workbench app from the classpath. */
    Browser(boolean webGpu) {
        this(webGpu, null);
    }

    /** @param appDir the folder to serve as the app, or null for the workbench; the demo model's folder as models/ */
    Browser(boolean webGpu, Path appDir) {
        this(webGpu, appDir, demoModels());
    }

    /** @param models the folder served under /models/ */
    Browser(boolean webGpu, Path appDir, Path models) {
        server = StaticServer.start(new ServerOptions("127.0.0.1", 0, appDir, models));
        LoopbackOnly.served(server.url());
        boolean system = Files.isExecutable(SYSTEM_CHROMIUM);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(system ? Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1") : Map.of()));
        BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true)
                .setArgs(webGpu ? List.of("--enable-unsafe-webgpu") : List.of("--disable-gpu"));
        if (system) {
            options.setExecutablePath(SYSTEM_CHROMIUM);
        }
        launch = options;
        browser = playwright.chromium().launch(options);
    }

    /**
     * A second Chromium, launched like the first but on the profile folder {@code profile} (give it a fresh one):
     * the installability check reports 'in-incognito' in every other context.
     */
    BrowserContext persistentContext(Path profile) {
        BrowserType.LaunchPersistentContextOptions options = new BrowserType.LaunchPersistentContextOptions()
                .setHeadless(true).setArgs(launch.args);
        if (launch.executablePath != null) {
            options.setExecutablePath(launch.executablePath);
        }
        BrowserContext context = playwright.chromium().launchPersistentContext(profile, options);
        LoopbackOnly.watch(context);
        return context;
    }

    /** A context of this browser with {@code options}, its requests watched like every other ({@link LoopbackOnly}). */
    BrowserContext newContext(com.microsoft.playwright.Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options);
        LoopbackOnly.watch(context);
        return context;
    }

    private static Path demoModels() {
        Path models = Path.of(System.getProperty("locara.models", "../../shared/models"));
        if (!Files.isRegularFile(models.resolve("stories260K.gguf"))) {
            throw new IllegalStateException("The demo model is missing from " + models.toAbsolutePath()
                    + "; run the tests with scripts/test.sh, which fetches it, or set -Dlocara.models=DIR.");
        }
        return models;
    }

    String url() {
        return server.url();
    }

    /** A fresh page that records its console and every request it makes. */
    Session open() {
        return new Session(newContext(new com.microsoft.playwright.Browser.NewContextOptions()).newPage());
    }

    /**
     * A fresh page on the workbench, waited for until its engine is up (or fails the test, with what
     * the page says and the browser's log); its Playwright calls time out after two minutes.
     */
    Session openWorkbench() {
        Session s = open();
        s.page.setDefaultTimeout(120_000);
        s.page.navigate(url());
        s.page.waitForSelector("#status[data-state=ready], #status[data-state=error]");
        assertEquals("ready", s.page.getAttribute("#status", "data-state"), "engine did not start: "
                + s.page.textContent("#status") + s.log());
        return s;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
        server.close();
    }

    static final class Session {
        final Page page;
        final List<String> console = Collections.synchronizedList(new ArrayList<>());
        final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());

        Session(Page page) {
            this.page = page;
            LoopbackOnly.watch(page.context());
            page.onConsoleMessage(m -> {
                console.add(m.type() + ": " + m.text());
                if (m.type().equals("error")) {
                    consoleErrors.add(m.text());
                }
            });
            page.onPageError(e -> {
                console.add("pageerror: " + e);
                consoleErrors.add(e);
            });
            page.onRequest(r -> requests.add(r.url()));
            page.onWorker(w -> w.onClose(x -> console.add("worker closed: " + x.url())));
            page.context().onRequest(r -> requests.add(r.url()));
        }

        /**
         * Runs a JS function (source text) in the page and returns its awaited result; a promise
         * that never settles fails after two minutes instead of hanging the test run.
         */
        Object call(String function) {
            return call(function, 120);
        }

        /** The same with a limit of {@code seconds}, for runs known to be long (the GPU checks). */
        Object call(String function, int seconds) {
            return page.evaluate("() => Promise.race([(" + function + ")(), new Promise((_, reject) =>"
                    + " setTimeout(() => reject(new Error('no answer within " + seconds + " s')), " + seconds * 1000 + "))])");
        }

        /** What a failing assertion should show: everything the browser logged. */
        String log() {
            synchronized (console) {
                return "\n--- browser console ---\n" + String.join("\n", console) + "\n--- end of console ---";
            }
        }
    }
}
