package dev.locara.gpu;

import dev.locara.protocol.Coded;
import dev.locara.protocol.ErrorCode;

/** WebGPU is missing or refused: the message says which browsers work and what to try. */
public final class WebGpuUnavailableException extends RuntimeException implements Coded {
    public static final String BROWSERS = "Locara runs models with WebGPU, which Chrome and Edge 113 or newer provide on"
            + " Windows, macOS, ChromeOS and Android, and Safari 26 or newer on macOS, iOS and iPadOS. On Linux, Chrome"
            + " needs chrome://flags/#enable-unsafe-webgpu (and Vulkan drivers).";

    public WebGpuUnavailableException(String reason) {
        super(reason + " " + BROWSERS);
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.WEBGPU_UNAVAILABLE;
    }
}
