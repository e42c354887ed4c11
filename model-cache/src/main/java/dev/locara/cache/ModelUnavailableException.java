package dev.locara.cache;

import dev.locara.protocol.Coded;
import dev.locara.protocol.ErrorCode;

/** The model's bytes cannot be reached: not on the server, or the transfer failed. */
public final class ModelUnavailableException extends RuntimeException implements Coded {
    public ModelUnavailableException(String message) {
        super(message);
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.MODEL_UNAVAILABLE;
    }
}
