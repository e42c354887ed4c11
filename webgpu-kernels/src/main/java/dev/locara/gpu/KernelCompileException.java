package dev.locara.gpu;

/** A WGSL kernel that the device refused, with the compiler's messages. */
public final class KernelCompileException extends RuntimeException {
    public KernelCompileException(String file, String messages) {
        super("The GPU kernel " + file + " did not compile on this device: " + messages);
    }
}
