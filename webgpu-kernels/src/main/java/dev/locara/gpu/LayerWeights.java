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
    /** q's rows, k's, and v's unless its type differs, in one binding; else null. */
    final GpuTensor qkv;
    /** [2 hidden][dim]: gate's rows then up's in one binding, when they share a type; else null. */
    final GpuTensor gateUp;

    LayerWeights(GpuTensor qkv, GpuTensor gateUp) {
        this.qkv = qkv;
        this.gateUp = gateUp;
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

    /** The biases of q, k and v, in that order. */
    GPUBuffer[] qkvBiases() {
        return new GPUBuffer[] {vector(BlockTensor.ATTN_Q_BIAS), vector(BlockTensor.ATTN_K_BIAS), vector(BlockTensor.ATTN_V_BIAS)};
    }

    /** Whether v's rows are in {@link #qkv}, so one dispatch writes q, k and v. */
    boolean qkvHasV() {
        return qkv != null && qkv.rows == matrix(BlockTensor.ATTN_Q).rows + 2 * matrix(BlockTensor.ATTN_K).rows;
    }

    private static <T> T require(T value, BlockTensor t) {
        if (value == null) {
            throw new IllegalStateException("A kernel asked for " + t + ", which this layer's plan did not load.");
        }
        return value;
    }
}
