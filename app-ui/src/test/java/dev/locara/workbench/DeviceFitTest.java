package dev.locara.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.cache.ModelCatalog;
import dev.locara.cache.ModelRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceFitTest {
    private static final double GIB = 1L << 30;
    /** SwiftShader's adapter as headless Chromium reports it: 1 GiB buffers, no deviceMemory in a worker-less test. */
    private static final DeviceFit.Device SWIFTSHADER = new DeviceFit.Device(10e9, 2e9, GIB, GIB, 8, 2.8);

    @Test
    void theDemoModelFitsAndItsSpeedComesFromTheReadBandwidth() {
        ModelRef demo = ModelCatalog.DEMO; // 1 185 376 bytes, 3 806 816 bytes of GPU memory at 2048 tokens
        DeviceFit f = DeviceFit.of(demo, 0, SWIFTSHADER);
        assertEquals(1_185_376, f.storageNeeded());
        assertEquals(8_000_000_000L, f.storageFree());
        assertEquals(3_806_816, f.gpuNeeded());
        // half of 8 GiB of device memory = 4 GiB, under 16 buffers of 1 GiB
        assertEquals(4L << 30, f.gpuBudget());
        assertEquals(2.8e9 / 1_185_376, f.tokensPerSecond(), 1e-6);
        assertTrue(f.fits());
        assertEquals(List.of("Storage: needs 1.2 MB of 8.0 GB free — fits.",
                "GPU memory: needs 3.8 MB at 2048 tokens of context, of about 4.3 GB this device allows — fits;"
                        + " at most 1.1 GB per buffer.",
                "Speed: at most about 2362.1 tokens/s (this device reads 2.8 GB/s)."), f.lines());
    }

    @Test
    void aSevenBillionModelDoesNotFitTheBudgetOfADeviceWithoutReportedMemory() {
        ModelRef qwen7 = ModelCatalog.byId("qwen2.5-7b-instruct-q4_k_m"); // 5 152 836 288 bytes at 4096 tokens
        DeviceFit f = DeviceFit.of(qwen7, 0, new DeviceFit.Device(10e9, 0, GIB, GIB, 0, -1));
        assertEquals(2L << 30, f.gpuBudget(), "2 GiB when the browser reports no memory");
        assertEquals(Boolean.FALSE, f.gpuFits());
        assertEquals(Boolean.TRUE, f.storageFits());
        assertFalse(f.fits());
        assertEquals(-1, f.tokensPerSecond(), "no benchmark yet, no speed");
        assertTrue(f.lines().get(1).contains("5.2 GB at 4096 tokens") && f.lines().get(1).endsWith("does not fit;"
                + " at most 1.1 GB per buffer."), f.lines().get(1));
    }

    @Test
    void aPartialDownloadNeedsOnlyTheRestAndUnknownFiguresAreSaidToBeUnknown() {
        ModelRef demo = ModelCatalog.DEMO;
        DeviceFit f = DeviceFit.of(demo, 500_000, new DeviceFit.Device(-1, -1, -1, -1, 0, -1));
        assertEquals(685_376, f.storageNeeded());
        assertNull(f.storageFits());
        assertNull(f.gpuFits());
        assertTrue(f.fits(), "nothing known says no");
        assertEquals("Storage: needs 685.4 kB; this browser does not say how much it allows.", f.lines().get(0));
        assertTrue(f.lines().get(1).endsWith("the adapter is not known yet."), f.lines().get(1));
        assertEquals("Storage: stored.", DeviceFit.of(demo, demo.bytes(), SWIFTSHADER).lines().get(0));
    }

    @Test
    void storageThatIsTooSmallIsSaid() {
        DeviceFit f = DeviceFit.of(ModelCatalog.byId("qwen2.5-3b-instruct-q4_k_m"), 0,
                new DeviceFit.Device(2e9, 1e9, GIB, GIB, 8, -1));
        assertEquals(Boolean.FALSE, f.storageFits());
        assertEquals("Storage: needs 1.9 GB of 1.0 GB free — does not fit.", f.lines().get(0));
    }
}
