package dev.locara.gpu;

/**
 * The binding of a model's kernels, run once when their pipelines are awaited (after the weights
 * streamed, while they compiled): a failure is kept, so a half-bound model refuses every later call.
 */
final class DeferredBinding {
    private Runnable binding;
    private RuntimeException failure;

    DeferredBinding(Runnable binding) {
        this.binding = binding;
    }

    /** Binds, the first time; afterwards nothing, or the first failure again. */
    void run() {
        if (failure != null) {
            throw failure;
        }
        if (binding != null) {
            Runnable b = binding;
            binding = null;
            try {
                b.run();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }
}
