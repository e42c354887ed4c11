package dev.locara.gpu;

/**
 * What the engine got from the browser: the adapter's identity and the limits the device was
 * created with (asked at the adapter's maximum, not WebGPU's defaults).
 */
public record AdapterInfo(String vendor, String architecture, String description, boolean fallback,
                          double maxStorageBufferBindingSize, double maxBufferSize, int maxStorageBuffersPerShaderStage,
                          boolean shaderF16) {
    /**
     * Whether the adapter is a CPU emulation (SwiftShader, or one the browser marks as fallback):
     * kernels pick their shape for it (an invocation is CPU code there, barriers are costly), unless
     * told otherwise ({@link WebGpu#cpuShapes}).
     */
    public boolean emulated() {
        return fallback || "swiftshader".equals(architecture);
    }
}
