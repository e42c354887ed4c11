package dev.locara.gpu;

import java.util.Locale;

/**
 * The WebGPU adapter's identity, as the browser reports it (GPUAdapterInfo, and whether it is a
 * fallback adapter), and the one answer to whether it is a CPU emulation of a GPU. Plain Java: the
 * engine worker, the page (from the ready message) and the benchmark's driver (from its report)
 * all ask it.
 */
public record AdapterInfo(String vendor, String architecture, String description, boolean fallback) {
    /** CPU implementations of Vulkan, under which WebGPU runs on the CPU too. */
    private static final String[] SOFTWARE = {"swiftshader", "llvmpipe", "lavapipe"};

    /**
     * Whether the adapter is a CPU emulation: one the browser marks as fallback, or SwiftShader or
     * Mesa's llvmpipe/lavapipe by name (Chromium does not always flag SwiftShader as a fallback).
     * Kernels pick their shape for it (an invocation is CPU code there, barriers are costly), unless
     * told otherwise ({@link WebGpu#useGpuShapes}).
     */
    public boolean emulated() {
        if (fallback) {
            return true;
        }
        String names = (vendor + " " + architecture + " " + description).toLowerCase(Locale.ROOT);
        for (String s : SOFTWARE) {
            if (names.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
