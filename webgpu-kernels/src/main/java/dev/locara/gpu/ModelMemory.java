package dev.locara.gpu;

import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.model.LayerPlan;
import dev.locara.model.LayerStep;
import dev.locara.model.LlamaConfig;

/**
 * GPU memory a llama model takes, computed from the GGUF header before anything is allocated.
 *
 * @param weights  weight tensors as packed on the GPU (padding included)
 * @param kvCache  keys and values of every layer for the context
 * @param scratch  activations, attention scores, logits and their readback copy
 * @param largestKvBuffer one layer's key (or value) cache, which must fit one binding
 */
public record ModelMemory(long weights, long kvCache, long scratch, long largestKvBuffer, int context) {
    public long total() {
        return weights + kvCache + scratch;
    }

    public static ModelMemory of(GgufFile gguf, int context) {
        LlamaConfig c = LlamaConfig.fromGguf(gguf);
        // Every tensor of the file goes to the GPU (fused and separate projections, biases, norms,
        // RoPE factors alike); counting them all keeps this in step with GpuLlama without a list per
        // architecture. The one LongRoPE factor table not in use is a few hundred bytes too many.
        long weights = 0;
        for (GgufTensorInfo t : gguf.tensors()) {
            long[] shape = t.shape();
            long rows = 1;
            for (int i = 1; i < shape.length; i++) {
                rows *= shape[i];
            }
            weights += rows * PackedLayout.of(t.type()).rowBytes((int) shape[0]);
        }
        long layerKv = 4L * context * c.kvDim();
        long kv = 2L * c.layers() * layerKv;
        // One token's slots as DecodePass allocates them (NORMED counted also where GPUs fuse the norms
        // and have none; V is the cache row itself), up, the scores, the logits and their readback.
        long floats = c.hiddenDim() + (long) c.heads() * context + 2L * c.vocabSize();
        for (LayerStep.Slot s : LayerPlan.of(c).slots()) {
            floats += s == LayerStep.Slot.V ? 0 : s.width(c);
        }
        long scratch = 4L * floats;
        return new ModelMemory(weights, kv, scratch, layerKv, context);
    }

    /** Throws {@link InsufficientGpuMemoryException} when this does not fit {@code budget} or one binding. */
    public void check(long budget, long bindingLimit) {
        if (total() > budget) {
            throw new InsufficientGpuMemoryException(total(), budget, "This model needs " + InsufficientGpuMemoryException.size(total())
                    + " of GPU memory (weights " + InsufficientGpuMemoryException.size(weights) + ", KV cache for " + context
                    + " tokens " + InsufficientGpuMemoryException.size(kvCache) + ", activations "
                    + InsufficientGpuMemoryException.size(scratch) + ") but this device allows about "
                    + InsufficientGpuMemoryException.size(budget) + ". Choose a smaller model or quantization, or a shorter context.");
        }
        if (largestKvBuffer > bindingLimit) {
            throw new InsufficientGpuMemoryException(largestKvBuffer, bindingLimit, "One layer's KV cache for " + context
                    + " tokens needs " + InsufficientGpuMemoryException.size(largestKvBuffer) + " in one buffer but this device allows "
                    + InsufficientGpuMemoryException.size(bindingLimit) + " per buffer. Choose a shorter context.");
        }
    }
}
