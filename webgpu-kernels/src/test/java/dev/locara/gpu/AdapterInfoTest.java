package dev.locara.gpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdapterInfoTest {
    @Test
    void cpuEmulationsAreEmulatedWhetherOrNotFlaggedAsFallback() {
        // Chromium's SwiftShader, as headless Chromium reports it here: not always flagged.
        assertTrue(new AdapterInfo("google", "swiftshader", "", false).emulated());
        assertTrue(new AdapterInfo("mesa", "", "llvmpipe (LLVM 15.0.6, 256 bits)", false).emulated());
        assertTrue(new AdapterInfo("Mesa", "LavaPipe", "", false).emulated());
        assertTrue(new AdapterInfo("some vendor", "some gpu", "", true).emulated());
    }

    @Test
    void gpusAreNot() {
        assertFalse(new AdapterInfo("nvidia", "ampere", "NVIDIA GeForce RTX 3060", false).emulated());
        assertFalse(new AdapterInfo("apple", "metal-3", "", false).emulated());
    }
}
