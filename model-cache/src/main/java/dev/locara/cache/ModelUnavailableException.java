package dev.locara.cache;

/** The model's bytes cannot be reached: not on the server, or the transfer failed. */
public final class ModelUnavailableException extends RuntimeException {
    public ModelUnavailableException(String message) {
        super(message);
    }
}
