package dev.locara.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Every request this session made, as the browser itself records them: the page's Resource Timing
 * entries, and what the engine worker and the service worker report of theirs on the
 * "locara-network" BroadcastChannel (each keeps its own timeline, which the page cannot read).
 */
public final class NetworkLog {
    /** One URL, how often it was asked for, by whom, and where it went. */
    public record Entry(String url, int count, List<String> sources, Destination destination) {
    }

    /** An attempt the Content-Security-Policy stopped: the address, the rule that refused it, by whom, how often. */
    public record Blocked(String url, String directive, String source, int count) {
    }

    @JSFunctor
    interface Sink extends JSObject {
        void seen(String url, String source);
    }

    @JSFunctor
    interface BlockedSink extends JSObject {
        void blocked(String url, String directive, String source);
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Per URL, how many times each source saw it: the page and the service worker both see the page's requests. */
    private final Map<String, Map<String, Integer>> seenBy = new LinkedHashMap<>();
    private final Map<String, Blocked> blocked = new LinkedHashMap<>();
    private final List<Runnable> listeners = new ArrayList<>();

    /** Starts listening; call it before the engine worker starts, so its first report is heard. */
    public static NetworkLog start() {
        NetworkLog log = new NetworkLog();
        if (isSupported()) {
            listen(log::seen, log::blocked);
        }
        return log;
    }

    /** Resource Timing and BroadcastChannel (Chrome, Safari 15.4+): without them the count cannot be made. */
    @JSBody(script = "return typeof PerformanceObserver === 'function' && typeof BroadcastChannel === 'function';")
    public static native boolean isSupported();

    public void onChange(Runnable r) {
        listeners.add(r);
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public int total() {
        int n = 0;
        for (Entry e : entries.values()) {
            n += e.count();
        }
        return n;
    }

    /**
     * Requests that went off this machine; the privacy line in the status bar says this number. The
     * browser may keep a timing entry for a request its policy refused (Chromium does for a refused
     * script): those never left, so the refusals of a URL are taken off its count.
     */
    public int leftMachine() {
        int n = 0;
        for (Entry e : entries.values()) {
            if (e.destination() == Destination.ELSEWHERE) {
                n += Math.max(0, e.count() - refusals(e.url()));
            }
        }
        return n;
    }

    /** How often the policy refused {@code url}, by any source. */
    public int refusals(String url) {
        int n = 0;
        for (Blocked b : blocked.values()) {
            if (b.url().equals(url)) {
                n += b.count();
            }
        }
        return n;
    }

    /** The attempts the page's or a worker's security policy refused, in the order first seen. */
    public List<Blocked> blocked() {
        return new ArrayList<>(blocked.values());
    }

    public int blockedCount() {
        int n = 0;
        for (Blocked b : blocked.values()) {
            n += b.count();
        }
        return n;
    }

    void blocked(String url, String directive, String source) {
        String key = source + " " + directive + " " + url;
        Blocked before = blocked.get(key);
        blocked.put(key, new Blocked(url, directive, source, before == null ? 1 : before.count() + 1));
        for (Runnable r : listeners) {
            r.run();
        }
    }

    /** One sighting; a URL's count is the most any one source saw it, so a request seen twice counts once. */
    void seen(String url, String source) {
        Map<String, Integer> bySource = seenBy.computeIfAbsent(url, u -> new LinkedHashMap<>());
        bySource.merge(source, 1, Integer::sum);
        int count = 0;
        for (int n : bySource.values()) {
            count = Math.max(count, n);
        }
        entries.put(url, new Entry(url, count, List.copyOf(bySource.keySet()), Destination.of(url)));
        for (Runnable r : listeners) {
            r.run();
        }
    }

    /**
     * The page's own entries (the navigation and every resource, including those before this ran:
     * buffered), and the workers' reports, which arrive as they happen. A request the policy refuses
     * never reaches Resource Timing: its securitypolicyviolation event is how it is seen.
     */
    @JSBody(params = {"sink", "blockedSink"}, script = "performance.setResourceTimingBufferSize && performance.setResourceTimingBufferSize(100000);"
            + " sink(location.href, 'page');"
            + " new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) { sink(e.name, 'page'); }); })"
            + ".observe({type: 'resource', buffered: true});"
            + " var channel = new BroadcastChannel('locara-network');"
            + " channel.onmessage = function (m) { var d = m.data; if (d && d.kind === 'requests' && Array.isArray(d.urls)) {"
            + " d.urls.forEach(function (u) { if (typeof u === 'string') { sink(u, String(d.source)); } }); }"
            + " if (d && d.kind === 'blocked') { blockedSink(String(d.url), String(d.directive), String(d.source)); } };"
            + " document.addEventListener('securitypolicyviolation', function (e) {"
            + " blockedSink(e.blockedURI || '(inline)', e.effectiveDirective || e.violatedDirective || '', 'page'); });")
    private static native void listen(Sink sink, BlockedSink blockedSink);

    /** In a worker: reports each request the worker makes (its Resource Timing entries), and each its policy refused, to the page. */
    @JSBody(params = "source", script = "if (typeof PerformanceObserver !== 'function' || typeof BroadcastChannel !== 'function') { return; }"
            + " var channel = new BroadcastChannel('locara-network');"
            + " new PerformanceObserver(function (list) { var urls = list.getEntries().map(function (e) { return e.name; });"
            + " channel.postMessage({kind: 'requests', source: source, urls: urls}); })"
            + ".observe({type: 'resource', buffered: true});"
            + " self.addEventListener('securitypolicyviolation', function (e) { channel.postMessage({kind: 'blocked',"
            + " source: source, url: e.blockedURI || '(inline)', directive: e.effectiveDirective || e.violatedDirective || ''}); });")
    public static native void reportFromWorker(String source);
}
