package dev.locara.gpu;

/**
 * What the engine got from the browser: the adapter's identity and the limits the device was
 * created with (asked at the adapter's maximum, not WebGPU's defaults).
 */
public record AdapterInfo(String vendor, String architecture, String description, boolean fallback,
                          double maxStorageBufferBindingSize, double maxBufferSize, boolean shaderF16) {
    /**
     * Whether the adapter is a CPU emulation (SwiftShader, or one the browser marks as fallback):
     * kernels pick their shape for it (an invocation is CPU code there, barriers are costly).
     */
    public boolean emulated() {
        return fallback || "swiftshader".equals(architecture);
    }

    /**
     * Workgroup size of the kernels that reduce in workgroup memory (attention, norms; a power of
     * two, for their tree reductions). A GPU
     * wants a full workgroup; a CPU emulation runs a workgroup as SIMD groups of 4 invocations and
     * switches between all of them at every barrier, so there one group of 4 makes each barrier
     * nearly free (the many heads and tokens still spread over the cores as workgroups).
     */
    public int reductionWorkgroup() {
        return emulated() ? 4 : 64;
    }
}
