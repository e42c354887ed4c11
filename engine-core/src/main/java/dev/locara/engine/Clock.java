package dev.locara.engine;

/** Milliseconds from any fixed origin: performance.now() in the browser, System.nanoTime() on the JVM. */
public interface Clock {
    double nowMs();

    /** System.nanoTime(), in milliseconds. */
    static Clock system() {
        return () -> System.nanoTime() / 1e6;
    }
}
