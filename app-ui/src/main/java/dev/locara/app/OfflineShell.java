package dev.locara.app;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * Registers service-worker.js, which caches the app shell so that the page, the engine and the kernels
 * load with the network off (the models themselves are in OPFS). Browsers without service workers, and
 * pages that are not a secure context, simply work online only.
 *
 * <p>A rebuilt shell installs beside the running one and waits (the worker never skips waiting by itself);
 * {@link UpdateListener} hears of it, and {@link #activateUpdate()} lets it take over and reloads into it.
 */
public final class OfflineShell {
    /** Told that a new version of the shell is installed and waiting for this page to let it in. */
    @JSFunctor
    public interface UpdateListener extends JSObject {
        void updateWaiting();
    }

    private OfflineShell() {
    }

    /** Starts the registration; a failure only costs offline use, so it is logged and never blocks the page. */
    public static void register(UpdateListener onUpdate) {
        if (isSupported()) {
            registerWorker("service-worker.js", onUpdate);
        }
    }

    @JSBody(script = "return 'serviceWorker' in navigator && self.isSecureContext === true;")
    private static native boolean isSupported();

    // A waiting worker counts only when a version already controls the page: the first install activates
    // at once. updateViaCache 'none': shell-files.js (the version) is checked with the server on every update
    // check, whatever an HTTP cache holds. Another tab's "Reload to update" swaps the worker under this page
    // too (controllerchange with no click here): the offer stays, and its button then only reloads.
    @JSBody(params = {"url", "onUpdate"}, script = ""
            + "var sw = navigator.serviceWorker; var controlled = sw.controller !== null;"
            + "sw.register(url, {updateViaCache: 'none'}).then(function (reg) {"
            + "  function offer() { if (reg.waiting && sw.controller) { onUpdate(); } }"
            + "  offer();"
            + "  reg.addEventListener('updatefound', function () {"
            + "    var w = reg.installing;"
            + "    if (w) { w.addEventListener('statechange', function () { if (w.state === 'installed') { offer(); } }); }"
            + "  });"
            + "  sw.addEventListener('controllerchange', function () { if (controlled) { onUpdate(); } controlled = true; });"
            + "  document.addEventListener('visibilitychange', function () {"
            + "    if (document.visibilityState === 'visible') { reg.update().catch(function () {}); } });"
            + "}).catch(function (e) {"
            + "  console.warn('Locara works online only here: the offline cache could not be set up ('"
            + "    + (e && e.message ? e.message : e) + ')'); });")
    private static native void registerWorker(String url, UpdateListener onUpdate);

    /**
     * Lets the waiting version take over and reloads the page once it controls it (controllerchange), so the
     * page never runs old code against the new shell; with no version waiting (another tab let it in), reloads.
     */
    @JSBody(script = ""
            + "var sw = navigator.serviceWorker;"
            + "sw.getRegistration().then(function (reg) {"
            + "  if (!reg || !reg.waiting) { location.reload(); return; }"
            + "  sw.addEventListener('controllerchange', function () { location.reload(); }, {once: true});"
            + "  reg.waiting.postMessage({type: 'skipWaiting'});"
            + "});")
    public static native void activateUpdate();
}
