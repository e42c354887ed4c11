package dev.locara.json;

/**
 * Text that is not valid JSON (the message gives the line and column), or a value too deep to write.
 * Bad input, so an IllegalArgumentException: callers that map those to 'invalid_request' need no case for it.
 */
public final class JsonException extends IllegalArgumentException {
    public JsonException(String message) {
        super(message);
    }
}
