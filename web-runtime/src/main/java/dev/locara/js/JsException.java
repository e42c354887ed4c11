package dev.locara.js;

/** A JavaScript rejection or error brought into Java with its name and message intact. */
public final class JsException extends RuntimeException {
    public JsException(String message) {
        super(message);
    }
}
