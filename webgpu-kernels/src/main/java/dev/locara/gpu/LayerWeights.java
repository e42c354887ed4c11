package dev.locara.gpu;

import dev.locara.model.BlockTensor;
import org.teavm.jso.webgpu.GPUBuffer;

/**
 * One transformer block's weights on the GPU, shared by the per-token pass ({@link DecodePass}) and
 * the batch pass ({@link GpuPrefill}) so that both bind the same tensors and views: the tensors the
 * layer plan reads, by {@link BlockTensor}. Matrices are [rows][cols] as GGUF stores them.
 */
final class LayerWeights {
    private final GPUBuffer[] vectors = new GPUBuffer[BlockTensor.values().length]; // norms and biases, f32
    private final GpuTensor[] matrices = new GpuTensor[BlockTensor.values().length];
    /** Whether ATTN_Q, ATTN_K (and ATTN_V, {@link #qkvHasV}) are row views of one binding, gate and up of another. */
    private final boolean qkvStacked;
    private final boolean qkvHasV;
    private final boolean gateUpStacked;

    LayerWeights(boolean qkvStacked, boolean qkvHasV, boolean gateUpStacked) {
        this.qkvStacked = qkvStacked;
        this.qkvHasV = qkvStacked && qkvHasV;
        this.gateUpStacked = gateUpStacked;
    }

    /** Whether q's rows, k's (and v's unless its type differs) are in one binding: one matvec dispatch for them. */
    boolean qkvStacked() {
        return qkvStacked;
    }

    /** Whether v's rows are in that binding too. */
    boolean qkvHasV() {
        return qkvHasV;
    }

    /** Whether gate's rows then up's are in one binding: one matvec dispatch with the activation. */
    boolean gateUpStacked() {
        return gateUpStacked;
    }

    void put(BlockTensor t, GpuTensor matrix) {
        matrices[t.ordinal()] = matrix;
    }

    void put(BlockTensor t, GPUBuffer vector) {
        vectors[t.ordinal()] = vector;
    }

    boolean has(BlockTensor t) {
        return matrices[t.ordinal()] != null || vectors[t.ordinal()] != null;
    }

    GpuTensor matrix(BlockTensor t) {
        return require(matrices[t.ordinal()], t);
    }

    GPUBuffer vector(BlockTensor t) {
        return require(vectors[t.ordinal()], t);
    }

    private static <T> T require(T value, BlockTensor t) {
        if (value == null) {
            throw new IllegalStateException("A kernel asked for " + t + ", which this layer's plan did not load.");
        }
        return value;
    }
}
