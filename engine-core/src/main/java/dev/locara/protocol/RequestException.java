package dev.locara.protocol;

/** A request the engine refuses for a reason that has its own code (e.g. no model loaded to measure with). */
public final class RequestException extends RuntimeException implements Coded {
    private final ErrorCode code;

    public RequestException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public ErrorCode errorCode() {
        return code;
    }
}
