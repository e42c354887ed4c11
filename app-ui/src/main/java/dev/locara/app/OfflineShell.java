package dev.locara.app;

import org.teavm.jso.JSBody;

/**
 * Registers service-worker.js, which caches the app shell so that the page, the engine and the kernels
 * load with the network off (the models themselves are in OPFS). Browsers without service workers, and
 * pages that are not a secure context, simply work online only.
 */
public final class OfflineShell {
    private OfflineShell() {
    }

    /** Starts the registration; a failure only costs offline use, so it is logged and never blocks the page. */
    public static void register() {
        if (isSupported()) {
            registerWorker("service-worker.js");
        }
    }

    @JSBody(script = "return 'serviceWorker' in navigator && self.isSecureContext === true;")
    private static native boolean isSupported();

    @JSBody(params = "url", script = "navigator.serviceWorker.register(url).catch(function (e) {"
            + " console.warn('Locara works online only here: the offline cache could not be set up ('"
            + " + (e && e.message ? e.message : e) + ')'); });")
    private static native void registerWorker(String url);
}
