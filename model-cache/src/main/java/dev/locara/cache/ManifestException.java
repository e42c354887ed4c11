package dev.locara.cache;

/** A manifest that is valid JSON but not a valid manifest; the message names the entry and field. */
public final class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }
}
