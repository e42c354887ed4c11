package dev.locara.gpu;

import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.model.LlamaConfig;
import dev.locara.model.LlamaTensors;

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
        long weights = 0;
        weights += matrix(gguf, "token_embd.weight", c.vocabSize(), c.dim());
        if (!c.tiedOutput()) {
            weights += matrix(gguf, "output.weight", c.vocabSize(), c.dim());
        }
        weights += matrix(gguf, "output_norm.weight", 1, c.dim());
        for (int l = 0; l < c.layers(); l++) {
            String p = "blk." + l + ".";
            weights += matrix(gguf, p + "attn_norm.weight", 1, c.dim());
            weights += matrix(gguf, p + "ffn_norm.weight", 1, c.dim());
            weights += matrix(gguf, p + "attn_q.weight", c.dim(), c.dim());
            weights += matrix(gguf, p + "attn_k.weight", c.kvDim(), c.dim());
            weights += matrix(gguf, p + "attn_v.weight", c.kvDim(), c.dim());
            weights += matrix(gguf, p + "attn_output.weight", c.dim(), c.dim());
            weights += matrix(gguf, p + "ffn_gate.weight", c.hiddenDim(), c.dim());
            weights += matrix(gguf, p + "ffn_up.weight", c.hiddenDim(), c.dim());
            weights += matrix(gguf, p + "ffn_down.weight", c.dim(), c.hiddenDim());
        }
        long layerKv = 4L * context * c.kvDim();
        long kv = 2L * c.layers() * layerKv;
        // x, xb, attention out, q (dim each); gate, up (hidden); scores; logits and readback.
        long scratch = 4L * (4L * c.dim() + 2L * c.hiddenDim() + (long) c.heads() * context + 2L * c.vocabSize());
        return new ModelMemory(weights, kv, scratch, layerKv, context);
    }

    private static long matrix(GgufFile gguf, String name, int rows, int cols) {
        GgufTensorInfo t = LlamaTensors.require(gguf, name, (long) rows * cols);
        return rows * PackedLayout.of(t.type()).rowBytes(cols);
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
