package dev.locara.gpu;

import dev.locara.embed.EncoderConfig;
import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.model.LlamaTensors;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.webgpu.GPUBuffer;

/**
 * An encoder's weights on the GPU ({@code bert}, {@code nomic-bert}), allocated from the GGUF header
 * and registered with the weight stream ({@link WeightUpload}), as {@link GpuWeights} does for the
 * decoders. Matrices and the embedding tables keep their file's type; norms and biases are f32.
 * nomic-bert's fused attn_qkv is one buffer whose q, k and v are row views.
 */
final class EncoderWeights {
    /** One block; biases are null where the model has none (nomic-bert), gate null without SwiGLU. */
    record Layer(GpuTensor q, GpuTensor k, GpuTensor v, GPUBuffer qBias, GPUBuffer kBias, GPUBuffer vBias,
                 GpuTensor output, GPUBuffer outputBias, GPUBuffer attnNorm, GPUBuffer attnNormBias,
                 GpuTensor up, GPUBuffer upBias, GpuTensor gate, GpuTensor down, GPUBuffer downBias,
                 GPUBuffer outNorm, GPUBuffer outNormBias) {
    }

    private final WebGpu gpu;
    private final GgufFile gguf;
    private final WeightUpload upload;

    final GpuTensor tokenEmbedding;    // [vocab][dim]
    final GpuTensor typeEmbedding;     // [tokenTypes][dim], or null
    final GpuTensor positionEmbedding; // [context][dim], null with rotary positions
    final GPUBuffer embNorm;           // [dim]
    final GPUBuffer embNormBias;       // [dim]
    final List<Layer> layers = new ArrayList<>();

    EncoderWeights(WebGpu gpu, GgufFile gguf, EncoderConfig c, WeightUpload upload) {
        this.gpu = gpu;
        this.gguf = gguf;
        this.upload = upload;
        int d = c.dim();
        int f = c.ffn();
        tokenEmbedding = matrix("token_embd.weight", c.vocabSize(), d);
        typeEmbedding = c.tokenTypes() == 0 ? null : matrix("token_types.weight", c.tokenTypes(), d);
        positionEmbedding = c.rotary() ? null : matrix("position_embd.weight", c.contextLength(), d);
        embNorm = vector("token_embd_norm.weight", d, true);
        embNormBias = vector("token_embd_norm.bias", d, true);
        for (int l = 0; l < c.layers(); l++) {
            String p = "blk." + l + ".";
            GpuTensor q, k, v;
            GPUBuffer qb, kb, vb;
            if (c.fusedQkv()) {
                GpuTensor qkv = matrix(p + "attn_qkv.weight", 3 * d, d);
                q = qkv.rows(0, d);
                k = qkv.rows(d, d);
                v = qkv.rows(2 * d, d);
                qb = kb = vb = null;
                if (gguf.tensor(p + "attn_qkv.bias") != null) {
                    throw new GgufException(GgufException.Kind.MALFORMED, "This nomic-bert GGUF has attn_qkv biases, which "
                            + "nomic-embed-text does not; the WebGPU encoder does not take them.");
                }
            } else {
                q = matrix(p + "attn_q.weight", d, d);
                k = matrix(p + "attn_k.weight", d, d);
                v = matrix(p + "attn_v.weight", d, d);
                qb = vector(p + "attn_q.bias", d, false);
                kb = vector(p + "attn_k.bias", d, false);
                vb = vector(p + "attn_v.bias", d, false);
            }
            layers.add(new Layer(q, k, v, qb, kb, vb,
                    matrix(p + "attn_output.weight", d, d), vector(p + "attn_output.bias", d, false),
                    vector(p + "attn_output_norm.weight", d, true), vector(p + "attn_output_norm.bias", d, true),
                    matrix(p + "ffn_up.weight", f, d), vector(p + "ffn_up.bias", f, false),
                    c.swiglu() ? matrix(p + "ffn_gate.weight", f, d) : null,
                    matrix(p + "ffn_down.weight", d, f), vector(p + "ffn_down.bias", d, false),
                    vector(p + "layer_output_norm.weight", d, true), vector(p + "layer_output_norm.bias", d, true)));
        }
    }

    /** A matrix or table of any computable type, registered to receive its bytes. */
    private GpuTensor matrix(String name, int rows, int cols) {
        GgufTensorInfo t = LlamaTensors.require(gguf, name, (long) rows * cols);
        if (!t.type().computable()) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + name + "' has type " + t.type()
                    + ", which the WebGPU kernels cannot compute with yet; supported: " + GgmlType.computableNames() + ".");
        }
        GpuTensor tensor = GpuTensor.create(gpu, name, t.type(), rows, cols);
        upload.add(t, tensor);
        return tensor;
    }

    /** A norm weight or bias of n values (f32, as the converters write them); null when optional and absent. */
    private GPUBuffer vector(String name, int n, boolean required) {
        if (!required && gguf.tensor(name) == null) {
            return null;
        }
        GgufTensorInfo t = LlamaTensors.require(gguf, name, n);
        if (t.type() != GgmlType.F32) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + name + "' has type " + t.type()
                    + "; norm weights and biases must be F32, as llama.cpp's converters and convert-onnx write them.");
        }
        GpuTensor tensor = GpuTensor.create(gpu, name, t.type(), 1, n);
        upload.add(t, tensor);
        return tensor.splits.get(0).buffer();
    }
}
