package dev.locara.cache;

import dev.locara.cache.ModelStore.Progress;

/** Reports a transfer's progress at most every 100 ms, with its rate since the meter started. */
final class ProgressMeter {
    private final Progress progress;
    private final long startPosition;
    private final double start = now();
    private double lastReport;

    /** {@code startPosition}: the bytes already there (a resumed download), which the rate does not count. */
    ProgressMeter(Progress progress, long startPosition) {
        this.progress = progress;
        this.startPosition = startPosition;
    }

    /** {@code force}: report even within 100 ms of the last report (the last byte, say); {@code total} -1 when unknown. */
    void update(long position, long total, boolean force) {
        double t = now();
        if (t - lastReport > 100 || force) {
            lastReport = t;
            double rate = t > start ? (position - startPosition) * 1000.0 / (t - start) : 0;
            progress.report(position, total, rate, rate > 0 && total > 0 ? (total - position) / rate : -1);
        }
    }

    @org.teavm.jso.JSBody(script = "return performance.now();")
    private static native double now();
}
