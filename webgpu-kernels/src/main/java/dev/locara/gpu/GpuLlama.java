package dev.locara.gpu;

import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.model.LanguageModel;
import dev.locara.model.LlamaConfig;
import dev.locara.model.LlamaTensors;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;

/**
 * The llama forward pass on WebGPU: the same steps as the CPU reference ({@code LlamaCpu}), each
 * a kernel dispatch prepared once (bind groups included), so a token costs one uniform write
 * (its position), one command buffer holding every layer, and a readback of the logits only when
 * sampling needs them.
 */
public final class GpuLlama implements LanguageModel {
    private final WebGpu gpu;
    private final LlamaConfig c;
    private final int contextLength;
    private final WeightUpload upload;

    private final GPUBuffer tokenEmbedding; // [vocab][dim], also the output projection when tied
    private final GPUBuffer token;          // uniform {pos}
    private final GPUBuffer x;              // [dim] residual stream
    private final GPUBuffer logits;         // [vocab]
    private final GPUBuffer readback;       // [vocab], mappable
    private final Int32Array tokenData = new Int32Array(4);
    private final List<Dispatch> layers = new ArrayList<>();
    private final List<Dispatch> head = new ArrayList<>();

    public GpuLlama(WebGpu gpu, GgufFile gguf, int contextLength) {
        this.gpu = gpu;
        this.c = LlamaConfig.fromGguf(gguf);
        this.contextLength = Math.min(contextLength, c.contextLength());
        this.upload = new WeightUpload(gpu.queue());
        int dim = c.dim();
        int kvDim = c.kvDim();
        int hidden = c.hiddenDim();

        RmsNormKernel rmsNorm = new RmsNormKernel(gpu);
        MatVecF32Kernel matVec = new MatVecF32Kernel(gpu);
        RopeKernel rope = new RopeKernel(gpu);
        AttentionKernel attention = new AttentionKernel(gpu);
        SwiGluKernel swiGlu = new SwiGluKernel(gpu);

        tokenEmbedding = weight(gguf, "token_embd.weight", (long) c.vocabSize() * dim);
        token = gpu.uniform("token", 0);
        x = gpu.storage(4L * dim, "x");
        GPUBuffer xb = gpu.storage(4L * dim, "xb");
        GPUBuffer attnOut = gpu.storage(4L * dim, "attention out");
        GPUBuffer q = gpu.storage(4L * dim, "q");
        GPUBuffer gate = gpu.storage(4L * hidden, "ffn gate");
        GPUBuffer up = gpu.storage(4L * hidden, "ffn up");
        GPUBuffer scores = gpu.storage(4L * c.heads() * this.contextLength, "attention scores");
        logits = gpu.storage(4L * c.vocabSize(), "logits");
        readback = gpu.readback(4L * c.vocabSize(), "logits readback");

        for (int l = 0; l < c.layers(); l++) {
            String p = "blk." + l + ".";
            GPUBuffer keyCache = gpu.storage(4L * this.contextLength * kvDim, p + "key cache");
            GPUBuffer valueCache = gpu.storage(4L * this.contextLength * kvDim, p + "value cache");
            layers.add(rmsNorm.bind(x, weight(gguf, p + "attn_norm.weight", dim), xb, dim, c.normEps()));
            layers.add(matVec.bind(weight(gguf, p + "attn_q.weight", (long) dim * dim), xb, q, token, dim, dim, false, 0));
            layers.add(matVec.bind(weight(gguf, p + "attn_k.weight", (long) kvDim * dim), xb, keyCache, token, kvDim, dim, false, kvDim));
            layers.add(matVec.bind(weight(gguf, p + "attn_v.weight", (long) kvDim * dim), xb, valueCache, token, kvDim, dim, false, kvDim));
            layers.add(rope.bind(c, q, keyCache, token));
            layers.add(attention.bind(c, this.contextLength, q, keyCache, valueCache, scores, attnOut, token));
            layers.add(matVec.bind(weight(gguf, p + "attn_output.weight", (long) dim * dim), attnOut, x, token, dim, dim, true, 0));
            layers.add(rmsNorm.bind(x, weight(gguf, p + "ffn_norm.weight", dim), xb, dim, c.normEps()));
            layers.add(matVec.bind(weight(gguf, p + "ffn_gate.weight", (long) hidden * dim), xb, gate, token, hidden, dim, false, 0));
            layers.add(matVec.bind(weight(gguf, p + "ffn_up.weight", (long) hidden * dim), xb, up, token, hidden, dim, false, 0));
            layers.add(swiGlu.bind(gate, up, hidden));
            layers.add(matVec.bind(weight(gguf, p + "ffn_down.weight", (long) dim * hidden), gate, x, token, dim, hidden, true, 0));
        }
        GPUBuffer output = c.tiedOutput() ? tokenEmbedding : weight(gguf, "output.weight", (long) c.vocabSize() * dim);
        head.add(rmsNorm.bind(x, weight(gguf, "output_norm.weight", dim), xb, dim, c.normEps()));
        head.add(matVec.bind(output, xb, logits, token, c.vocabSize(), dim, false, 0));
    }

    /** A GPU buffer for a tensor, registered to receive its bytes from the weight stream. */
    private GPUBuffer weight(GgufFile gguf, String name, long elements) {
        GgufTensorInfo t = LlamaTensors.require(gguf, name, elements);
        if (!t.type().computable()) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + name + "' has type " + t.type()
                    + ", which the WebGPU kernels cannot compute with yet; supported: " + GgmlType.F32 + ".");
        }
        GPUBuffer buffer = gpu.storage(t.bytes(), name);
        upload.add(t, buffer);
        return buffer;
    }

    /** Where the model file's tensor bytes must be streamed to. */
    public WeightUpload upload() {
        return upload;
    }

    @Override
    public LlamaConfig config() {
        return c;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    @Override
    public void forward(int tokenId, int position, float[] out) {
        if (position < 0 || position >= contextLength) {
            throw new IllegalArgumentException("Position " + position + " is outside the context of " + contextLength + " tokens.");
        }
        if (tokenId < 0 || tokenId >= c.vocabSize()) {
            throw new IllegalArgumentException("Token " + tokenId + " is outside the vocabulary of " + c.vocabSize() + ".");
        }
        tokenData.set(0, position);
        gpu.queue().writeBuffer(token, 0, tokenData);
        GPUCommandEncoder encoder = gpu.device().createCommandEncoder();
        long rowBytes = 4L * c.dim();
        encoder.copyBufferToBuffer(tokenEmbedding, tokenId * rowBytes, x, 0, rowBytes);
        GPUComputePassEncoder pass = encoder.beginComputePass();
        for (Dispatch d : layers) {
            d.record(pass);
        }
        if (out != null) {
            for (Dispatch d : head) {
                d.record(pass);
            }
        }
        pass.end();
        long logitBytes = 4L * c.vocabSize();
        if (out != null) {
            encoder.copyBufferToBuffer(logits, 0, readback, 0, logitBytes);
        }
        JSArray<GPUCommandEncoder.CommandBuffer> commands = JSArray.create();
        commands.push(encoder.finish());
        gpu.queue().submit(commands);
        if (out != null) {
            float[] values = new Float32Array(gpu.read(readback, logitBytes)).copyToJavaArray();
            System.arraycopy(values, 0, out, 0, values.length);
        }
    }
}
