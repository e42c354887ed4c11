package dev.locara.cache;

import dev.locara.protocol.Coded;
import dev.locara.protocol.ErrorCode;

/** A request named a model that the catalogue does not have. */
public final class UnknownModelException extends RuntimeException implements Coded {
    public UnknownModelException(String id, String known) {
        super("Unknown model '" + id + "'. Known models: " + known + ".");
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.MODEL_NOT_FOUND;
    }
}
