package dev.locara.js;

import dev.locara.protocol.Coded;
import dev.locara.protocol.ErrorCode;

/** A JavaScript rejection or error brought into Java with its name and message intact. */
public final class JsException extends RuntimeException implements Coded {
    public JsException(String message) {
        super(message);
    }

    /** In the engine a failing browser API is WebGPU's (storage code, which knows better, reports its own as storage_error). */
    @Override
    public ErrorCode errorCode() {
        return ErrorCode.GPU_ERROR;
    }
}
