package dev.locara.bench.worker;

import org.teavm.jso.JSBody;

/** Wall time in the worker. */
final class Clock {
    private Clock() {
    }

    /**
     * Milliseconds, from performance.now(): the pages are cross-origin isolated (COOP/COEP), so
     * the browser coarsens it to 5 microseconds rather than 100.
     */
    @JSBody(script = "return performance.now();")
    static native double now();
}
