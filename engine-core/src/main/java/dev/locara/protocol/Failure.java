package dev.locara.protocol;

/**
 * Why a request failed, as the caller sees it: a code to branch on and a message that says what to
 * do. {@link #of} is the one mapping from exceptions to codes, used by the page and the worker.
 */
public record Failure(ErrorCode code, String message) {
    public Failure {
        if (code == null) {
            throw new IllegalArgumentException("a failure needs a code");
        }
        message = message == null ? code.wire() : message;
    }

    /**
     * An exception that carries its code ({@link Coded}) keeps it; a bad argument is the caller's
     * ({@code invalid_request}); an IllegalStateException is what the GPU side throws when the device
     * reported an error or an upload broke its invariants. Anything else is a bug of ours, still
     * answered so that the caller's promise settles instead of hanging.
     */
    public static Failure of(Throwable e) {
        if (e instanceof Coded c) {
            return new Failure(c.errorCode(), e.getMessage());
        }
        if (e instanceof IllegalArgumentException) {
            return new Failure(ErrorCode.INVALID_REQUEST, e.getMessage());
        }
        if (e instanceof IllegalStateException) {
            return new Failure(ErrorCode.GPU_ERROR, e.getMessage());
        }
        return new Failure(ErrorCode.INTERNAL_ERROR, "Locara failed unexpectedly (" + e + "). Please report this.");
    }
}
