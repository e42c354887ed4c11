package dev.locara.gpu;

import org.teavm.jso.webgpu.GPUBuffer;

/**
 * One transformer block's weights on the GPU, shared by the per-token pass ({@link GpuLlama}) and
 * the batch pass ({@link GpuPrefill}) so that both bind the same tensors and views. Matrices are
 * [rows][cols] as GGUF stores them; optional entries are null when the architecture lacks them.
 */
record LayerWeights(
        GPUBuffer attnNorm,     // [dim]
        GpuTensor wq,           // [qDim][dim], a row range of attn_qkv when fused (phi3)
        GpuTensor wk,           // [kvDim][dim]
        GpuTensor wv,           // [kvDim][dim]
        GpuTensor qkv,          // q's rows, k's, and v's unless its type differs, in one binding; else null
        GPUBuffer bq,           // [qDim] (qwen2)
        GPUBuffer bk,           // [kvDim]
        GPUBuffer bv,           // [kvDim]
        GPUBuffer qNorm,        // [headDim] (gemma3)
        GPUBuffer kNorm,        // [headDim]
        GpuTensor wo,           // [dim][qDim]
        GPUBuffer postAttnNorm, // [dim] (gemma)
        GPUBuffer ffnNorm,      // [dim]
        GpuTensor gate,         // [hidden][dim], the first half of ffn_up when fused (phi3)
        GpuTensor up,           // [hidden][dim]
        GpuTensor gateUp,       // [2 hidden][dim]: gate's rows then up's in one binding, when they share a type; else null
        GpuTensor down,         // [dim][hidden]
        GPUBuffer postFfnNorm) { // [dim] (gemma)
}
