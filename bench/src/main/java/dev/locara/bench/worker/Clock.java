package dev.locara.bench.worker;

import dev.locara.gpu.WebGpu;
import dev.locara.js.Async;
import org.teavm.jso.JSBody;

/** Wall time in the worker, and waiting until the GPU has finished what was submitted. */
final class Clock {
    private Clock() {
    }

    /**
     * Milliseconds, from performance.now(): the pages are cross-origin isolated (COOP/COEP), so
     * the browser coarsens it to 5 microseconds rather than 100.
     */
    @JSBody(script = "return performance.now();")
    static native double now();

    /** Blocks until the queue has drained, so a timed region ends when the GPU's work does, not when it was queued. */
    static void drain(WebGpu gpu) {
        Async.await(gpu.queue().onSubmittedWorkDone());
    }
}
