package dev.locara.gpu;

import dev.locara.gguf.GgmlType;
import dev.locara.gguf.GgufException;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.model.LanguageModel;
import dev.locara.model.LlamaConfig;
import dev.locara.model.LlamaTensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;

/**
 * The llama forward pass on WebGPU: the same steps as the CPU reference ({@code LlamaCpu}), each
 * a kernel dispatch prepared once (bind groups included), so a token costs one uniform write
 * (its position and id), one command buffer holding every layer, and a readback of the logits only
 * when sampling needs them. Weight matrices keep their file's type (F32, F16, BF16, Q4_0 ... Q6_K)
 * and are dequantized inside the matrix kernels; the memory this takes is checked before anything
 * is allocated ({@link ModelMemory}). A prompt runs as a batch ({@link #forwardBatch}, {@link GpuPrefill}).
 */
public final class GpuLlama implements LanguageModel {
    private final WebGpu gpu;
    private final LlamaConfig c;
    private final int contextLength;
    private final WeightUpload upload;
    private final ModelMemory memory;

    private final GPUBuffer token;          // uniform {pos, id}
    private final GPUBuffer logits;         // [vocab]
    private final GPUBuffer readback;       // [vocab], mappable
    private final Int32Array tokenData = new Int32Array(4);
    private final List<Dispatch> layers = new ArrayList<>(); // embedding lookup, then every layer
    private final List<Dispatch> head = new ArrayList<>();
    // For the batch path, which binds the same weights and caches to its own buffers.
    private final Map<String, GpuTensor> tensors = new HashMap<>();
    private final List<GPUBuffer> keyCaches = new ArrayList<>();
    private final List<GPUBuffer> valueCaches = new ArrayList<>();
    private final GpuPrefill prefill;

    /**
     * @throws InsufficientGpuMemoryException when the model and its KV cache exceed the device's
     *         memory budget ({@link WebGpu#memoryBudget()})
     */
    public GpuLlama(WebGpu gpu, GgufFile gguf, int contextLength) {
        this.gpu = gpu;
        this.c = LlamaConfig.fromGguf(gguf);
        this.contextLength = Math.min(contextLength, c.contextLength());
        refuseWhatTheKernelsLack(gguf, this.contextLength);
        this.memory = ModelMemory.of(gguf, this.contextLength);
        memory.check(gpu.memoryBudget(), gpu.bindingLimit());
        this.upload = new WeightUpload(gpu.queue());
        int dim = c.dim();
        int kvDim = c.kvDim();
        int hidden = c.hiddenDim();

        RmsNormKernel rmsNorm = new RmsNormKernel(gpu);
        MatVecKernel matVec = new MatVecKernel(gpu);
        EmbedKernel embed = new EmbedKernel(gpu);
        RopeKernel rope = new RopeKernel(gpu);
        AttentionKernel attention = new AttentionKernel(gpu);
        SwiGluKernel swiGlu = new SwiGluKernel(gpu);

        GpuTensor tokenEmbedding = matrix(gguf, "token_embd.weight", c.vocabSize(), dim); // [vocab][dim]
        token = gpu.uniform("token", 0, 0);
        GPUBuffer x = gpu.storage(4L * dim, "x");           // [dim] residual stream
        GPUBuffer xb = gpu.storage(4L * dim, "xb");         // [dim] normalized input
        GPUBuffer attnOut = gpu.storage(4L * dim, "attention out");
        GPUBuffer q = gpu.storage(4L * dim, "q");
        GPUBuffer gate = gpu.storage(4L * hidden, "ffn gate");
        GPUBuffer up = gpu.storage(4L * hidden, "ffn up");
        GPUBuffer scores = gpu.storage(4L * c.heads() * this.contextLength, "attention scores");
        logits = gpu.storage(4L * c.vocabSize(), "logits");
        readback = gpu.readback(4L * c.vocabSize(), "logits readback");

        layers.addAll(embed.bind(tokenEmbedding, token, x));
        for (int l = 0; l < c.layers(); l++) {
            String p = "blk." + l + ".";
            GPUBuffer keyCache = gpu.storage(4L * this.contextLength * kvDim, p + "key cache");     // [context][kvDim]
            GPUBuffer valueCache = gpu.storage(4L * this.contextLength * kvDim, p + "value cache"); // [context][kvDim]
            keyCaches.add(keyCache);
            valueCaches.add(valueCache);
            layers.add(rmsNorm.bind(x, vector(gguf, p + "attn_norm.weight", dim), xb, dim, c.normEps()));
            layers.addAll(matVec.bind(matrix(gguf, p + "attn_q.weight", dim, dim), xb, q, token, false, 0));
            layers.addAll(matVec.bind(matrix(gguf, p + "attn_k.weight", kvDim, dim), xb, keyCache, token, false, kvDim));
            layers.addAll(matVec.bind(matrix(gguf, p + "attn_v.weight", kvDim, dim), xb, valueCache, token, false, kvDim));
            layers.add(rope.bind(c, q, keyCache, token));
            layers.add(attention.bind(c, this.contextLength, q, keyCache, valueCache, scores, attnOut, token));
            layers.addAll(matVec.bind(matrix(gguf, p + "attn_output.weight", dim, dim), attnOut, x, token, true, 0));
            layers.add(rmsNorm.bind(x, vector(gguf, p + "ffn_norm.weight", dim), xb, dim, c.normEps()));
            layers.addAll(matVec.bind(matrix(gguf, p + "ffn_gate.weight", hidden, dim), xb, gate, token, false, 0));
            layers.addAll(matVec.bind(matrix(gguf, p + "ffn_up.weight", hidden, dim), xb, up, token, false, 0));
            layers.add(swiGlu.bind(gate, up, hidden));
            layers.addAll(matVec.bind(matrix(gguf, p + "ffn_down.weight", dim, hidden), gate, x, token, true, 0));
        }
        GpuTensor output = c.tiedOutput() ? tokenEmbedding : matrix(gguf, "output.weight", c.vocabSize(), dim);
        head.add(rmsNorm.bind(x, vector(gguf, "output_norm.weight", dim), xb, dim, c.normEps()));
        head.addAll(matVec.bind(output, xb, logits, token, false, 0));
        prefill = new GpuPrefill(gpu, c, this.contextLength, memory, tensors::get, keyCaches, valueCaches, token, logits);
    }

    /** A weight matrix of any computable type, registered to receive its bytes from the weight stream. */
    private GpuTensor matrix(GgufFile gguf, String name, int rows, int cols) {
        GgufTensorInfo t = LlamaTensors.require(gguf, name, (long) rows * cols);
        if (!t.type().computable()) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + name + "' has type " + t.type()
                    + ", which the WebGPU kernels cannot compute with yet; supported: " + GgmlType.computableNames() + ".");
        }
        GpuTensor tensor = GpuTensor.create(gpu, name, t.type(), rows, cols);
        upload.add(t, tensor);
        tensors.put(name, tensor);
        return tensor;
    }

    /** A norm weight: the kernels read these as f32 ([dim]). */
    private GPUBuffer vector(GgufFile gguf, String name, int n) {
        GgufTensorInfo t = LlamaTensors.require(gguf, name, n);
        if (t.type() != GgmlType.F32) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + name
                    + "' has type " + t.type() + "; norm weights must be F32, as llama.cpp's converters write them.");
        }
        GpuTensor tensor = GpuTensor.create(gpu, name, t.type(), 1, n);
        upload.add(t, tensor);
        tensors.put(name, tensor);
        return tensor.splits.get(0).buffer();
    }

    /** Where the model file's tensor bytes must be streamed to. */
    public WeightUpload upload() {
        return upload;
    }

    /** What the model takes on the GPU, as checked before loading. */
    public ModelMemory memory() {
        return memory;
    }

    /**
     * The kernels here compute the plain llama block. The CPU reference also runs qwen2, phi3, the
     * Gemmas and RoPE frequency factors; until their switches reach the kernels, such a model gets a
     * clear error instead of logits from the wrong math.
     */
    private void refuseWhatTheKernelsLack(GgufFile gguf, int contextInUse) {
        String factors = LlamaConfig.ropeFactorsTensor(gguf, contextInUse);
        if (!c.architecture().equals("llama") || factors != null || c.qDim() != c.dim()) {
            throw new GgufException(GgufException.Kind.MISSING, "The WebGPU engine of this version of Locara runs llama models"
                    + " without RoPE frequency factors; this model is '" + c.architecture() + "'"
                    + (factors != null ? " with " + factors : "") + ". The JVM reference (locara generate) runs it.");
        }
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
        tokenData.set(1, tokenId);
        gpu.queue().writeBuffer(token, 0, tokenData);
        GPUCommandEncoder encoder = gpu.device().createCommandEncoder();
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

    /**
     * Runs the tokens as batches on the GPU: chunks of at most {@link #prefillChunkTokens()} tokens,
     * one submission each, only the last token's logits computed and read back.
     */
    @Override
    public void forwardBatch(int[] tokens, int offset, int count, int startPosition, float[] lastLogits) {
        if (offset < 0 || count < 1 || offset + count > tokens.length) {
            throw new IllegalArgumentException("A batch of " + count + " tokens from " + offset + " does not fit in "
                    + tokens.length + " tokens.");
        }
        if (startPosition < 0 || startPosition + count > contextLength) {
            throw new IllegalArgumentException("Positions " + startPosition + " to " + (startPosition + count - 1)
                    + " are outside the context of " + contextLength + " tokens.");
        }
        for (int i = offset; i < offset + count; i++) {
            if (tokens[i] < 0 || tokens[i] >= c.vocabSize()) {
                throw new IllegalArgumentException("Token " + tokens[i] + " is outside the vocabulary of " + c.vocabSize() + ".");
            }
        }
        long logitBytes = 4L * c.vocabSize();
        int chunk = prefill.chunkTokens();
        for (int done = 0; done < count; done += chunk) {
            int n = Math.min(chunk, count - done);
            boolean last = done + n == count;
            prefill.submitChunk(tokens, offset + done, n, startPosition + done, logits,
                    last && lastLogits != null ? readback : null, logitBytes);
        }
        if (lastLogits != null) {
            float[] values = new Float32Array(gpu.read(readback, logitBytes)).copyToJavaArray();
            System.arraycopy(values, 0, lastLogits, 0, values.length);
        }
    }

    /** Most tokens a prompt chunk holds: its activation buffers are sized for this many. */
    public int prefillMaxBatch() {
        return prefill.maxBatch();
    }

    /** Tokens per prompt chunk (at most {@link #prefillMaxBatch()}). */
    public int prefillChunkTokens() {
        return prefill.chunkTokens();
    }

    /** Makes prompt chunks smaller, so a short prompt takes several chunks (the checks use this). */
    public void setPrefillChunkTokens(int tokens) {
        prefill.setChunkTokens(tokens);
    }
}
