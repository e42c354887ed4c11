package dev.locara.gpu;

import dev.locara.protocol.Coded;
import dev.locara.protocol.ErrorCode;

/** A WGSL kernel that the device refused, with the compiler's messages. */
public final class KernelCompileException extends RuntimeException implements Coded {
    public KernelCompileException(String file, String messages) {
        super("The GPU kernel " + file + " did not compile on this device: " + messages);
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.GPU_ERROR;
    }
}
