package dev.locara.cache;

/** Text that is not valid JSON; the message gives the line and column. */
public final class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message);
    }
}
