package dev.locara.gpu;

import dev.locara.protocol.Coded;
import dev.locara.protocol.ErrorCode;

/** The model does not fit the GPU: refused before anything is allocated, with both numbers. */
public final class InsufficientGpuMemoryException extends RuntimeException implements Coded {
    public final long needed;
    public final long allowed;

    public InsufficientGpuMemoryException(long needed, long allowed, String message) {
        super(message);
        this.needed = needed;
        this.allowed = allowed;
    }

    /** Bytes for people: "1.50 GiB", "12.0 MiB" (and the exact count, so nothing is hidden by rounding). */
    static String size(long bytes) {
        String unit;
        double v;
        if (bytes >= 1L << 30) {
            v = bytes / (double) (1L << 30);
            unit = "GiB";
        } else {
            v = bytes / (double) (1L << 20);
            unit = "MiB";
        }
        long hundredths = Math.round(v * 100);
        return hundredths / 100 + "." + (hundredths % 100 < 10 ? "0" : "") + hundredths % 100 + " " + unit + " (" + bytes + " bytes)";
    }

    @Override
    public ErrorCode errorCode() {
        return ErrorCode.INSUFFICIENT_GPU_MEMORY;
    }
}
