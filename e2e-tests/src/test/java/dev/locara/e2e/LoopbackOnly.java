package dev.locara.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import dev.locara.cache.DownloadHosts;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every e2e test, whether it asks or not: no request of any page, worker or service worker it
 * opened may go anywhere but a Locara server the tests started on loopback. {@link Browser} watches
 * each context a test uses; this extension (registered for all tests through the JUnit service file)
 * fails the test (or the class, for its shared set-up) during which such a request was seen, naming it. A request the page's
 * Content-Security-Policy stopped before it left (Playwright's failure text "csp", or Chromium's
 * {@code net::ERR_BLOCKED_BY_CSP}) is not counted:
 * {@link CspTest} makes those on purpose. Nor is a request to a pinned model's download host (the
 * manifest's, {@link DownloadHosts#builtIn()}): that is the one place the product is meant to reach,
 * which the model manager's tests route to local files and the offline tests expect to fail; the
 * tests of downloads check those requests themselves.
 */
public final class LoopbackOnly implements AfterEachCallback, AfterAllCallback {
    private static final List<String> SERVERS = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> LEFT = Collections.synchronizedList(new ArrayList<>());
    private static final Set<BrowserContext> WATCHED = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    /** A server a test started: requests to its origin stay on this machine. */
    static void served(String url) {
        URI u = URI.create(url);
        SERVERS.add(u.getHost() + ":" + u.getPort());
    }

    /** Records the requests of {@code context} from now on; watching one twice records them once. */
    static void watch(BrowserContext context) {
        if (!WATCHED.add(context)) {
            return;
        }
        Map<com.microsoft.playwright.Request, String> seen = Collections.synchronizedMap(new WeakHashMap<>());
        context.onRequest(r -> {
            if (leaves(r.url())) {
                seen.put(r, r.url());
                LEFT.add(r.url());
            }
        });
        context.onRequestFailed(r -> {
            String url = seen.remove(r);
            String why = String.valueOf(r.failure());
            if (url != null && (why.equals("csp") || why.contains("ERR_BLOCKED_BY_CSP"))) {
                LEFT.remove(url); // stopped inside the browser before it was sent
            } else if (url != null) {
                LEFT.add("  (" + url + " failed: " + why + ")");
            }
        });
        // WebSockets are no requests to Playwright: each page reports its own.
        context.pages().forEach(LoopbackOnly::watchSockets);
        context.onPage(LoopbackOnly::watchSockets);
    }

    private static void watchSockets(com.microsoft.playwright.Page page) {
        page.onWebSocket(w -> {
            if (leaves(w.url())) {
                LEFT.add(w.url());
            }
        });
    }

    /** Whether a request to {@code url} goes over the network to anything but a test's own server. */
    static boolean leaves(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            return true; // not even a URL: no reason to believe it stayed
        }
        String scheme = String.valueOf(u.getScheme());
        if (!Set.of("http", "https", "ws", "wss", "ftp").contains(scheme)) {
            return false; // data:, blob:, about:, chrome-error: never reach a network
        }
        if (scheme.equals("https") && DownloadHosts.builtIn().contains(u.getHost())) {
            return false;
        }
        int port = u.getPort() >= 0 ? u.getPort() : scheme.endsWith("s") ? 443 : 80;
        return !SERVERS.contains(u.getHost() + ":" + port);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        check(context);
    }

    /** Requests of a class's shared browser outside its tests (its set-up, its closing). */
    @Override
    public void afterAll(ExtensionContext context) {
        check(context);
    }

    private static void check(ExtensionContext context) {
        List<String> left;
        synchronized (LEFT) {
            left = new ArrayList<>(LEFT);
            LEFT.clear();
        }
        if (!left.isEmpty()) {
            fail(context.getDisplayName() + ": " + left.size() + " request(s) left the loopback server: " + left);
        }
    }
}
