package dev.locara.workbench;

import dev.locara.cache.ModelRef;
import dev.locara.gpu.BufferPool;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a model fits this device, in numbers: the storage it still needs against what the browser
 * allows this site (navigator.storage.estimate()), the GPU memory its weights and KV cache take
 * against the engine's budget (the one {@link BufferPool#budgetFor} computes from the adapter's
 * maxBufferSize), and the decode speed the measured read bandwidth allows once the benchmark has run.
 * Plain Java, so the arithmetic is tested on the JVM.
 *
 * @param storageNeeded bytes still to download (the model less what a partial download holds)
 * @param storageFree   bytes the browser still allows, -1 when it does not say
 * @param gpuNeeded     the manifest's memory estimate: the file plus a KV cache of {@code gpuContext} tokens
 * @param gpuBudget     bytes the engine lets a model take on this device, -1 before the adapter is known
 * @param maxBinding    the adapter's maxStorageBufferBindingSize, -1 before it is known
 * @param tokensPerSecond the upper bound on decode speed from the read bandwidth, -1 before the benchmark
 */
record DeviceFit(long storageNeeded, long storageFree, long gpuNeeded, long gpuContext, long gpuBudget, long maxBinding,
                 double tokensPerSecond, double readGbPerSecond) {

    /** What is known of the device; -1 (or 0 for memory) where it is not known. */
    record Device(double quota, double usage, double maxBufferSize, double maxBinding, double deviceMemoryGib,
                  double readGbPerSecond) {
    }

    /** {@code storedBytes}: bytes of the model already in storage (all of it when stored, a partial download's). */
    static DeviceFit of(ModelRef m, long storedBytes, Device d) {
        long needed = Math.max(0, m.bytes() - storedBytes);
        long free = d.quota() > 0 ? (long) Math.max(0, d.quota() - Math.max(0, d.usage())) : -1;
        long budget = d.maxBufferSize() > 0 ? BufferPool.budgetFor(d.deviceMemoryGib(), (long) d.maxBufferSize()) : -1;
        // Decoding a token reads every active weight once: the read bandwidth over those bytes bounds the speed.
        double perToken = (double) m.bytes() * m.parameters().active() / m.parameters().total();
        double tps = d.readGbPerSecond() > 0 ? d.readGbPerSecond() * 1e9 / perToken : -1;
        return new DeviceFit(needed, free, m.memory().bytes(), m.memory().context(), budget,
                d.maxBinding() > 0 ? (long) d.maxBinding() : -1, tps, d.readGbPerSecond());
    }

    /** null when the browser does not say how much it allows. */
    Boolean storageFits() {
        return storageFree < 0 ? null : storageNeeded <= storageFree;
    }

    Boolean gpuFits() {
        return gpuBudget < 0 ? null : gpuNeeded <= gpuBudget;
    }

    /** Whether it fits as far as is known: false when one known figure says no. */
    boolean fits() {
        return !Boolean.FALSE.equals(storageFits()) && !Boolean.FALSE.equals(gpuFits());
    }

    /** The figures in words, one line each: storage, GPU memory, speed. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        if (storageNeeded == 0) {
            out.add("Storage: stored.");
        } else if (storageFree < 0) {
            out.add("Storage: needs " + size(storageNeeded) + "; this browser does not say how much it allows.");
        } else {
            out.add("Storage: needs " + size(storageNeeded) + " of " + size(storageFree) + " free"
                    + (storageNeeded <= storageFree ? " — fits." : " — does not fit."));
        }
        if (gpuBudget < 0) {
            out.add("GPU memory: needs " + size(gpuNeeded) + " at " + gpuContext + " tokens of context; the adapter is"
                    + " not known yet.");
        } else {
            out.add("GPU memory: needs " + size(gpuNeeded) + " at " + gpuContext + " tokens of context, of about "
                    + size(gpuBudget) + " this device allows" + (gpuNeeded <= gpuBudget ? " — fits" : " — does not fit")
                    + (maxBinding > 0 ? "; at most " + size(maxBinding) + " per buffer." : "."));
        }
        out.add(tokensPerSecond < 0 ? "Speed: run the benchmark (Models and device) to estimate it."
                : "Speed: at most about " + Format.decimal(tokensPerSecond) + " tokens/s (this device reads "
                + Format.decimal(readGbPerSecond) + " GB/s).");
        return out;
    }

    /** Bytes in decimal units, as disks and downloads count them. */
    static String size(double bytes) {
        if (bytes >= 1e9) {
            return Format.decimal(bytes / 1e9) + " GB";
        }
        if (bytes >= 1e6) {
            return Format.decimal(bytes / 1e6) + " MB";
        }
        if (bytes >= 1e3) {
            return Format.decimal(bytes / 1e3) + " kB";
        }
        return Math.round(bytes) + " B";
    }
}
