package dev.locara.cache;

/** A request named a model that the catalogue does not have. */
public final class UnknownModelException extends RuntimeException {
    public UnknownModelException(String id, String known) {
        super("Unknown model '" + id + "'. Known models: " + known + ".");
    }
}
