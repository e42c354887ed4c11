package dev.locara.gpu;

import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.model.BlockTensor;
import dev.locara.model.LayerPlan;
import dev.locara.model.LlamaConfig;
import dev.locara.model.LlamaTensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.webgpu.GPUBuffer;

/**
 * A model's weights on the GPU, allocated from the GGUF header and registered with the weight
 * stream ({@link WeightUpload}) to receive their bytes: the embedding, the tensors the layer plan
 * reads for every block, and the output head. Matrices keep their file's type; norm weights and
 * biases are f32.
 */
final class GpuWeights {
    private final WebGpu gpu;
    private final GgufFile gguf;
    private final LlamaConfig c;
    private final WeightUpload upload;

    final GpuTensor tokenEmbedding; // [vocab][dim]
    final GPUBuffer ropeFactors;    // [ropeDim / 2] divisors of the RoPE frequencies (ones when the model has none)
    final List<LayerWeights> layers = new ArrayList<>();
    final GPUBuffer outputNorm;     // [dim]
    final GpuTensor output;         // [vocab][dim], the embedding when tied

    GpuWeights(WebGpu gpu, GgufFile gguf, LlamaConfig c, LayerPlan plan, int contextLength, WeightUpload upload) {
        this.gpu = gpu;
        this.gguf = gguf;
        this.c = c;
        this.upload = upload;
        tokenEmbedding = matrix("token_embd.weight", c.vocabSize(), c.dim());
        String factors = LlamaConfig.ropeFactorsTensor(gguf, contextLength);
        ropeFactors = factors != null ? vector(factors, c.ropeDim() / 2) : ones(c.ropeDim() / 2);
        Set<BlockTensor> tensors = plan.tensors();
        for (int l = 0; l < c.layers(); l++) {
            layers.add(layer(tensors, l));
        }
        output = c.tiedOutput() ? tokenEmbedding : matrix("output.weight", c.vocabSize(), c.dim());
        outputNorm = vector("output_norm.weight", c.dim());
    }

    /**
     * Block {@code l}'s {@code tensors}, those the plan reads. Projections that read the same input
     * share one buffer where they have one type (Phi-3's files store them so), so that decode runs
     * each group as one dispatch (matvec.wgsl's segments and glu): q, k and v, or q and k when v's
     * type differs; gate and up. The parts are then row views of that buffer.
     */
    private LayerWeights layer(Set<BlockTensor> tensors, int l) {
        int qDim = c.qDim();
        int kvDim = c.kvDim();
        int hidden = c.hiddenDim();
        String p = "blk." + l + ".";
        GpuTensor qkv = null;
        GpuTensor gateUp = null;
        if (tensors.contains(BlockTensor.ATTN_Q)) {
            qkv = c.fusedQkv() ? matrix(l, BlockTensor.ATTN_QKV)
                    : stacked(p + "attn_q+k+v", l, BlockTensor.ATTN_Q, BlockTensor.ATTN_K, BlockTensor.ATTN_V);
            if (qkv == null) {
                qkv = stacked(p + "attn_q+k", l, BlockTensor.ATTN_Q, BlockTensor.ATTN_K);
            }
        }
        if (tensors.contains(BlockTensor.FFN_GATE)) {
            gateUp = c.fusedGateUp() ? matrix(l, BlockTensor.FFN_GATE_UP)
                    : stacked(p + "ffn_gate+up", l, BlockTensor.FFN_GATE, BlockTensor.FFN_UP);
        }
        LayerWeights w = new LayerWeights(qkv != null && MatVecKernel.oneBinding(qkv), qkv != null && qkv.rows == qDim + 2 * kvDim,
                gateUp != null && MatVecKernel.oneBinding(gateUp));
        if (qkv != null) {
            w.put(BlockTensor.ATTN_Q, qkv.rows(0, qDim));
            w.put(BlockTensor.ATTN_K, qkv.rows(qDim, kvDim));
            if (qkv.rows == qDim + 2 * kvDim) {
                w.put(BlockTensor.ATTN_V, qkv.rows(qDim + kvDim, kvDim));
            }
        }
        if (gateUp != null) {
            w.put(BlockTensor.FFN_GATE, gateUp.rows(0, hidden));
            w.put(BlockTensor.FFN_UP, gateUp.rows(hidden, hidden));
        }
        for (BlockTensor t : tensors) {
            if (t.vector()) {
                w.put(t, vector(t.name(l), t.cols(c)));
            } else if (!w.has(t)) {
                w.put(t, matrix(l, t));
            }
        }
        return w;
    }

    /** Frequency divisors of 1 for models without RoPE factors, so rope_turn.wgsl has one code path. */
    private GPUBuffer ones(int n) {
        float[] values = new float[n];
        Arrays.fill(values, 1f);
        GPUBuffer buffer = gpu.buffers().storage(4L * n, "rope factors (none)");
        gpu.queue().writeBuffer(buffer, 0, Float32Array.copyFromJavaArray(values));
        return buffer;
    }

    private GpuTensor matrix(int layer, BlockTensor t) {
        return matrix(t.name(layer), t.rows(c), t.cols(c));
    }

    /** A weight matrix of any computable type, registered to receive its bytes from the weight stream. */
    private GpuTensor matrix(String name, int rows, int cols) {
        GgufTensorInfo t = LlamaTensors.require(gguf, name, (long) rows * cols);
        computable(t);
        GpuTensor tensor = GpuTensor.create(gpu, name, t.type(), rows, cols);
        upload.add(t, tensor);
        return tensor;
    }

    /**
     * Layer {@code layer}'s {@code parts} stacked in one buffer in their order, each registered to
     * stream into its row range; null (nothing allocated) unless they share one computable type and
     * fit one binding together.
     */
    private GpuTensor stacked(String label, int layer, BlockTensor... parts) {
        int total = 0;
        GgmlType type = null;
        for (BlockTensor part : parts) {
            GgufTensorInfo t = LlamaTensors.require(gguf, part.name(layer), part.elements(c));
            if (!t.type().computable() || (type != null && t.type() != type)) {
                return null;
            }
            type = t.type();
            total += part.rows(c);
        }
        int cols = parts[0].cols(c);
        if (GpuTensor.rowsPerSplit(PackedLayout.of(type).rowBytes(cols), total, gpu.bindingLimit()) < total) {
            return null;
        }
        GpuTensor tensor = GpuTensor.create(gpu, label, type, total, cols);
        int first = 0;
        for (BlockTensor part : parts) {
            GpuTensor target = tensor.rows(first, part.rows(c));
            GgufTensorInfo t = LlamaTensors.require(gguf, part.name(layer), part.elements(c));
            upload.add(t, target);
            first += part.rows(c);
        }
        return tensor;
    }

    private static void computable(GgufTensorInfo t) {
        if (!t.type().computable()) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + t.name() + "' has type " + t.type()
                    + ", which the WebGPU kernels cannot compute with yet; supported: " + GgmlType.computableNames() + ".");
        }
    }

    /** A norm weight or a bias: the kernels read these as f32. */
    private GPUBuffer vector(String name, int n) {
        GgufTensorInfo t = LlamaTensors.require(gguf, name, n);
        if (t.type() != GgmlType.F32) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + name
                    + "' has type " + t.type() + "; norm weights must be F32, as llama.cpp's converters write them.");
        }
        GpuTensor tensor = GpuTensor.create(gpu, name, t.type(), 1, n);
        upload.add(t, tensor);
        return tensor.splits.get(0).buffer();
    }
}
