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
 * The forward pass of every supported architecture on WebGPU, configured by {@link LlamaConfig}'s
 * switches as the CPU reference is (kernels take them as uniforms or defines, never as copies): the same steps as the CPU reference ({@code LlamaCpu}), each
 * a kernel dispatch prepared once (bind groups included), so a token costs one uniform write
 * (its position and id), one command buffer holding every layer, and a readback of the logits only
 * when sampling needs them. Weight matrices keep their file's type (F32, F16, BF16, Q4_0 ... Q6_K)
 * and are dequantized inside the matrix kernels; the memory this takes is checked before anything
 * is allocated ({@link ModelMemory}). A prompt runs as a batch ({@link #forwardBatch}, {@link GpuPrefill}).
 *
 * <p>A decode step is as few dispatches as the kernels allow, since each costs a fixed time (about a
 * tenth of a millisecond on SwiftShader, microseconds on a GPU) beside its work: projections that
 * read the same input and share a type live in one buffer and run as one dispatch (q, k and v;
 * gate and up with the activation), 8 per llama layer where there were 12. Greedy steps chain on
 * the GPU ({@link #decodeGreedy}), so a run of tokens is one submission.
 */
public final class GpuLlama implements LanguageModel {
    /**
     * Most greedy steps {@link #decodeGreedy} chains in one submission (the picks buffer's size):
     * the generation loop sizes its chunks by time, well under this on slow devices.
     */
    public static final int MAX_GREEDY_STEPS = 64;

    private final WebGpu gpu;
    private final LlamaConfig c;
    private final int contextLength;
    private final WeightUpload upload;
    private final ModelMemory memory;

    private final GPUBuffer token;          // uniform {pos, id}
    private final GPUBuffer logits;         // [vocab]
    private final GPUBuffer readback;       // [vocab], mappable
    private final GPUBuffer argmaxParams;   // uniform {vocab, first position of a greedy chunk}
    private final GPUBuffer picks;          // the next step's token uniform, then one picked id per step
    private final GPUBuffer picksReadback;  // [MAX_GREEDY_STEPS] ids, mappable
    private Dispatch argmax;
    private final Int32Array tokenData = new Int32Array(4);
    private final Int32Array argmaxData = new Int32Array(4);
    private final List<Dispatch> layers = new ArrayList<>(); // embedding lookup, then every layer
    private final List<Dispatch> head = new ArrayList<>();
    // For the batch path, which binds the same weights and caches to its own buffers.
    private final List<GPUBuffer> keyCaches = new ArrayList<>();
    private final List<GPUBuffer> valueCaches = new ArrayList<>();
    private GpuPrefill prefill;
    /** Binds every kernel once its pipeline is compiled; null once done ({@link #finishLoading}). */
    private Runnable binding;
    private RuntimeException bindFailure;

    /**
     * @throws InsufficientGpuMemoryException when the model and its KV cache exceed the device's
     *         memory budget ({@link WebGpu#memoryBudget()})
     */
    public GpuLlama(WebGpu gpu, GgufFile gguf, int contextLength) {
        this.gpu = gpu;
        this.c = LlamaConfig.fromGguf(gguf);
        this.contextLength = Math.min(contextLength, c.contextLength());
        this.memory = ModelMemory.of(gguf, this.contextLength);
        memory.check(gpu.memoryBudget(), gpu.bindingLimit());
        this.upload = new WeightUpload(gpu);
        int dim = c.dim();
        int kvDim = c.kvDim();
        int hidden = c.hiddenDim();
        int qDim = c.qDim();

        MatVecKernel matVec = new MatVecKernel(gpu);
        // Every kernel this model will run starts compiling now, all in parallel, and is awaited only
        // when bound, after the weights streamed: loading takes about max(compile, stream), not the sum.
        gpu.startCompiling(kernelSpecs(gpu, gguf, c, matVec));

        GpuTensor tokenEmbedding = matrix(gguf, "token_embd.weight", c.vocabSize(), dim); // [vocab][dim]
        String factorsName = LlamaConfig.ropeFactorsTensor(gguf, this.contextLength);
        GPUBuffer ropeFactors = factorsName != null ? vector(gguf, factorsName, c.ropeDim() / 2) : ones(c.ropeDim() / 2);
        token = gpu.uniform("token", 0, 0);
        Activations a = new Activations(
                gpu.storage(4L * dim, "x"),                 // [dim] residual stream
                matVec.fusesNorm() ? null : gpu.storage(4L * dim, "xb"), // [dim] normalized input, where norms are dispatches
                // Buffers only some architectures need are allocated only for them (null otherwise).
                c.postNorms() ? gpu.storage(4L * dim, "xb2") : null, // [dim] block output before its post-norm
                gpu.storage(4L * qDim, "attention out"),
                gpu.storage(4L * qDim, "q"),
                gpu.storage(4L * kvDim, "k"),               // [kvDim] the token's keys, until attention turns them into the cache
                c.qkNorm() ? gpu.storage(4L * qDim, "q before its head norms") : null,  // [qDim]
                c.qkNorm() ? gpu.storage(4L * kvDim, "k before its head norms") : null, // [kvDim]
                gpu.storage(4L * hidden, "ffn gate"),
                gpu.storage(4L * hidden, "ffn up"),
                gpu.storage(4L * c.heads() * this.contextLength, "attention scores"));
        logits = gpu.storage(4L * c.vocabSize(), "logits");
        readback = gpu.readback(4L * c.vocabSize(), "logits readback");
        argmaxParams = gpu.uniform("argmax params", c.vocabSize(), 0);
        picks = gpu.storage(4L * (ArgmaxKernel.TOKEN_WORDS + MAX_GREEDY_STEPS), "greedy picks");
        picksReadback = gpu.readback(4L * MAX_GREEDY_STEPS, "greedy picks readback");

        List<LayerWeights> weights = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            weights.add(layerWeights(gguf, l));
            String p = "blk." + l + ".";
            keyCaches.add(gpu.storage(4L * this.contextLength * kvDim, p + "key cache"));     // [context][kvDim]
            valueCaches.add(gpu.storage(4L * this.contextLength * kvDim, p + "value cache")); // [context][kvDim]
        }
        GpuTensor output = c.tiedOutput() ? tokenEmbedding : matrix(gguf, "output.weight", c.vocabSize(), dim);
        GPUBuffer outputNorm = vector(gguf, "output_norm.weight", dim);
        binding = () -> {
            bind(matVec, a, tokenEmbedding, ropeFactors, weights, output, outputNorm);
            prefill = new GpuPrefill(gpu, c, this.contextLength, memory, tokenEmbedding, ropeFactors, weights, outputNorm,
                    output, keyCaches, valueCaches, token, logits);
        };
    }

    /**
     * Waits for the kernels' pipelines, which compiled while the weights streamed, and binds them:
     * a loader calls this after {@link WeightUpload#finish()}, so that a loaded model owes no work to
     * its first token. The first forward pass calls it too, for callers that do not.
     *
     * @throws KernelCompileException when a kernel did not compile on this device
     */
    public void finishLoading() {
        if (bindFailure != null) {
            throw bindFailure; // half-bound: the model cannot run
        }
        if (binding != null) {
            Runnable b = binding;
            binding = null;
            try {
                b.run();
            } catch (RuntimeException e) {
                bindFailure = e;
                throw e;
            }
        }
    }

    /** The decode pass's activation buffers, one token wide. */
    private record Activations(GPUBuffer x, GPUBuffer xb, GPUBuffer xb2, GPUBuffer attnOut, GPUBuffer q, GPUBuffer k, GPUBuffer qRaw,
                               GPUBuffer kRaw, GPUBuffer gate, GPUBuffer up, GPUBuffer scores) {
    }

    /** Records every kernel of the decode pass with its bind group (pipelines awaited as they are needed). */
    private void bind(MatVecKernel matVec, Activations a, GpuTensor tokenEmbedding, GPUBuffer ropeFactors,
                      List<LayerWeights> weights, GpuTensor output, GPUBuffer outputNorm) {
        GPUBuffer x = a.x();
        GPUBuffer xb = a.xb();
        GPUBuffer q = a.q();
        GPUBuffer gate = a.gate();
        int dim = c.dim();
        int kvDim = c.kvDim();
        int hidden = c.hiddenDim();
        // Where the matvec shape fuses them (GPUs), the norms before q-k-v, gate-up and the logits
        // run inside those projections, which then read the residual stream itself.
        boolean fused = matVec.fusesNorm();
        GPUBuffer in = fused ? x : xb;
        RmsNormKernel rmsNorm = fused ? null : new RmsNormKernel(gpu);
        RmsNormBatchKernel rows = new RmsNormBatchKernel(gpu); // per-head and post-norms (rmsnorm_batch.wgsl)
        EmbedKernel embed = new EmbedKernel(gpu);
        AttentionKernel attention = new AttentionKernel(gpu, c);
        SwiGluKernel swiGlu = new SwiGluKernel(gpu);
        layers.addAll(embed.bind(tokenEmbedding, token, x, c.embedScale()));
        for (int l = 0; l < c.layers(); l++) {
            LayerWeights w = weights.get(l);
            GPUBuffer keyCache = keyCaches.get(l);
            GPUBuffer valueCache = valueCaches.get(l);
            MatVecKernel.InputNorm attnNorm = fused ? new MatVecKernel.InputNorm(w.attnNorm(), c.normEps()) : null;
            if (!fused) {
                layers.add(rmsNorm.bind(x, w.attnNorm(), xb, dim, c.normEps()));
            }
            // K waits in its own row for the attention, which turns it (RoPE) into the cache; V goes
            // straight into this position's cache row.
            GPUBuffer qOut = c.qkNorm() ? a.qRaw() : q;
            GPUBuffer kOut = c.qkNorm() ? a.kRaw() : a.k();
            boolean vFused = w.qkv() != null && w.qkv().rows == c.qDim() + 2 * kvDim;
            if (w.qkv() != null) { // q, k (and v) in one dispatch
                layers.add(matVec.bindQkv(w.qkv(), c.qDim(), kvDim, in, qOut, kOut, 0, vFused ? valueCache : null,
                        kvDim, token, c.qkvBias() ? new GPUBuffer[] {w.bq(), w.bk(), w.bv()} : null, attnNorm));
            } else {
                layers.addAll(matVec.bind(w.wq(), in, qOut, token, false, 0, w.bq(), 0f, attnNorm));
                layers.addAll(matVec.bind(w.wk(), in, kOut, token, false, 0, w.bk(), 0f, attnNorm));
            }
            if (!vFused) {
                layers.addAll(matVec.bind(w.wv(), in, valueCache, token, false, kvDim, w.bv(), 0f, attnNorm));
            }
            if (c.qkNorm()) {
                layers.add(rowsOf(rows.bind(token, a.qRaw(), w.qNorm(), q, c.headDim(), c.normEps(), false, 0, false), c.heads()));
                layers.add(rowsOf(rows.bind(token, a.kRaw(), w.kNorm(), a.k(), c.headDim(), c.normEps(), false, 0, false),
                        c.kvHeads()));
            }
            layers.add(attention.bind(c, this.contextLength, q, a.k(), keyCache, valueCache, a.scores(), a.attnOut(), token,
                    c.isLocal(l) ? c.slidingWindow() : 0, c.ropeTheta(l), ropeFactors));
            addBlockOutput(matVec, rows, w.wo(), a.attnOut(), a.xb2(), x, w.postAttnNorm());
            MatVecKernel.InputNorm ffnNorm = fused ? new MatVecKernel.InputNorm(w.ffnNorm(), c.normEps()) : null;
            if (!fused) {
                layers.add(rmsNorm.bind(x, w.ffnNorm(), xb, dim, c.normEps()));
            }
            if (w.gateUp() != null) { // gate, up and the activation in one dispatch
                layers.add(matVec.bindGlu(w.gateUp(), in, gate, token, c.geluFfn(), ffnNorm));
            } else {
                layers.addAll(matVec.bind(w.gate(), in, gate, token, false, 0, null, 0f, ffnNorm));
                layers.addAll(matVec.bind(w.up(), in, a.up(), token, false, 0, null, 0f, ffnNorm));
                layers.add(swiGlu.bind(gate, a.up(), hidden, c.geluFfn()));
            }
            addBlockOutput(matVec, rows, w.down(), gate, a.xb2(), x, w.postFfnNorm());
        }
        if (!fused) {
            head.add(rmsNorm.bind(x, outputNorm, xb, dim, c.normEps()));
        }
        head.addAll(matVec.bind(output, in, logits, token, false, 0, null, c.finalSoftcap(),
                fused ? new MatVecKernel.InputNorm(outputNorm, c.normEps()) : null));
        argmax = new ArgmaxKernel(gpu).bind(argmaxParams, token, logits, picks);
    }

    /**
     * The pipelines the decode path, the prompt path ({@link GpuPrefill}) and the weight stream
     * ({@link WeightUpload}) will ask for with this model's tensor types. A pipeline left out is
     * only compiled later, on its own; one named but unused costs its compile.
     */
    static List<WebGpu.PipelineSpec> kernelSpecs(WebGpu gpu, GgufFile gguf, LlamaConfig c, MatVecKernel matVec) {
        List<WebGpu.PipelineSpec> specs = new ArrayList<>(List.of(RmsNormBatchKernel.spec(gpu),
                RopeBatchKernel.spec(gpu), AttentionKernel.spec(gpu, c), AttentionBatchKernel.spec(gpu, c),
                SwiGluKernel.spec(gpu), ArgmaxKernel.spec(gpu)));
        if (!matVec.fusesNorm()) {
            specs.add(RmsNormKernel.spec(gpu)); // the decode's norms, where they are dispatches of their own
        }
        List<PackedLayout> layouts = new ArrayList<>();
        String output = c.tiedOutput() ? "token_embd.weight" : "output.weight";
        for (GgufTensorInfo t : gguf.tensors()) {
            String n = t.name();
            boolean matrix = n.startsWith("blk.") && n.endsWith(".weight") && t.shape().length == 2;
            boolean embedding = n.equals("token_embd.weight");
            if (!PackedLayout.has(t.type()) || !(matrix || embedding || n.equals(output))) {
                continue;
            }
            PackedLayout layout = PackedLayout.of(t.type());
            layouts.add(layout);
            if (matrix) {
                specs.add(matVec.spec(layout));
                specs.add(MatMulKernel.spec(gpu, layout));
            }
            if (embedding) {
                specs.add(EmbedKernel.spec(layout));
                specs.add(EmbedBatchKernel.spec(layout));
            }
            if (n.equals(output)) {
                specs.add(matVec.spec(layout));
            }
        }
        for (PackedLayout layout : layouts) {
            if (layout.repacked() && WeightUpload.repacksOnGpu(gpu)) {
                specs.add(WeightUpload.repackSpec(layout));
            }
        }
        return specs;
    }

    /**
     * x += W in, or with a post-norm (gemma) x += rmsnorm(W in) * norm: the projection goes to the
     * scratch row, and the norm kernel adds its result into the residual stream.
     */
    private void addBlockOutput(MatVecKernel matVec, RmsNormBatchKernel rows, GpuTensor w, GPUBuffer in, GPUBuffer scratch,
                                GPUBuffer x, GPUBuffer postNorm) {
        if (postNorm == null) {
            layers.addAll(matVec.bind(w, in, x, token, true, 0));
        } else {
            layers.addAll(matVec.bind(w, in, scratch, token, false, 0));
            layers.add(rows.bind(token, scratch, postNorm, x, c.dim(), c.normEps(), false, 0, true));
        }
    }

    /** The same dispatch over {@code n} rows: rmsnorm_batch.wgsl runs one workgroup per row. */
    static Dispatch rowsOf(Dispatch d, int n) {
        return new Dispatch(d.pipeline(), d.bindGroup(), n);
    }

    /**
     * Block {@code l}'s weights as the configuration names them: Phi-3's fused attn_qkv and ffn_up
     * become row views (q, k, v; gate, up) of one uploaded tensor, and the optional biases and norms
     * are loaded only where the architecture has them.
     */
    private LayerWeights layerWeights(GgufFile gguf, int l) {
        String p = "blk." + l + ".";
        int dim = c.dim();
        int qDim = c.qDim();
        int kvDim = c.kvDim();
        int hidden = c.hiddenDim();
        // Projections that read the same input share one buffer where they have one type (Phi-3's
        // files store them so), so that decode runs each group as one dispatch (matvec.wgsl's segments
        // and glu): q, k and v, or q and k when v's type differs; gate and up.
        GpuTensor qkv = c.fusedQkv() ? matrix(gguf, p + "attn_qkv.weight", qDim + 2 * kvDim, dim) // rows: q, k, v
                : stacked(gguf, p + "attn_q+k+v", dim, new Part(p + "attn_q.weight", qDim), new Part(p + "attn_k.weight", kvDim),
                        new Part(p + "attn_v.weight", kvDim));
        if (qkv == null) {
            qkv = stacked(gguf, p + "attn_q+k", dim, new Part(p + "attn_q.weight", qDim), new Part(p + "attn_k.weight", kvDim));
        }
        GpuTensor wq = qkv != null ? qkv.rows(0, qDim) : matrix(gguf, p + "attn_q.weight", qDim, dim);
        GpuTensor wk = qkv != null ? qkv.rows(qDim, kvDim) : matrix(gguf, p + "attn_k.weight", kvDim, dim);
        GpuTensor wv = qkv != null && qkv.rows == qDim + 2 * kvDim ? qkv.rows(qDim + kvDim, kvDim)
                : matrix(gguf, p + "attn_v.weight", kvDim, dim);
        GpuTensor gateUp = c.fusedGateUp() ? matrix(gguf, p + "ffn_up.weight", 2 * hidden, dim) // gate first, then up
                : stacked(gguf, p + "ffn_gate+up", dim, new Part(p + "ffn_gate.weight", hidden), new Part(p + "ffn_up.weight", hidden));
        GpuTensor gate = gateUp != null ? gateUp.rows(0, hidden) : matrix(gguf, p + "ffn_gate.weight", hidden, dim);
        GpuTensor up = gateUp != null ? gateUp.rows(hidden, hidden) : matrix(gguf, p + "ffn_up.weight", hidden, dim);
        boolean bias = c.qkvBias();
        return new LayerWeights(
                vector(gguf, p + "attn_norm.weight", dim), wq, wk, wv, qkv != null && MatVecKernel.oneBinding(qkv) ? qkv : null,
                bias ? vector(gguf, p + "attn_q.bias", qDim) : null,
                bias ? vector(gguf, p + "attn_k.bias", kvDim) : null,
                bias ? vector(gguf, p + "attn_v.bias", kvDim) : null,
                c.qkNorm() ? vector(gguf, p + "attn_q_norm.weight", c.headDim()) : null,
                c.qkNorm() ? vector(gguf, p + "attn_k_norm.weight", c.headDim()) : null,
                matrix(gguf, p + "attn_output.weight", dim, qDim),
                c.postNorms() ? vector(gguf, p + "post_attention_norm.weight", dim) : null,
                vector(gguf, p + "ffn_norm.weight", dim),
                gate, up, gateUp != null && MatVecKernel.oneBinding(gateUp) ? gateUp : null,
                matrix(gguf, p + "ffn_down.weight", dim, hidden),
                c.postNorms() ? vector(gguf, p + "post_ffw_norm.weight", dim) : null);
    }

    /** Frequency divisors of 1 for models without RoPE factors, so rope_turn.wgsl has one code path. */
    private GPUBuffer ones(int n) {
        float[] values = new float[n];
        java.util.Arrays.fill(values, 1f);
        GPUBuffer buffer = gpu.storage(4L * n, "rope factors (none)");
        gpu.queue().writeBuffer(buffer, 0, Float32Array.copyFromJavaArray(values));
        return buffer;
    }

    /** A weight matrix of any computable type, registered to receive its bytes from the weight stream. */
    private GpuTensor matrix(GgufFile gguf, String name, int rows, int cols) {
        GgufTensorInfo t = LlamaTensors.require(gguf, name, (long) rows * cols);
        computable(t);
        GpuTensor tensor = GpuTensor.create(gpu, name, t.type(), rows, cols);
        upload.add(t, tensor);
        return tensor;
    }

    /** A matrix of the file that {@link #stacked} places in a shared buffer. */
    private record Part(String name, int rows) {
    }

    /**
     * The parts stacked in one buffer in their order, each registered to stream into its row range;
     * null (nothing allocated) unless they share one computable type and fit one binding together.
     */
    private GpuTensor stacked(GgufFile gguf, String label, int cols, Part... parts) {
        int total = 0;
        GgmlType type = null;
        for (Part part : parts) {
            GgufTensorInfo t = LlamaTensors.require(gguf, part.name(), (long) part.rows() * cols);
            if (!t.type().computable() || (type != null && t.type() != type)) {
                return null;
            }
            type = t.type();
            total += part.rows();
        }
        if (GpuTensor.rowsPerSplit(PackedLayout.of(type).rowBytes(cols), total, gpu.bindingLimit()) < total) {
            return null;
        }
        GpuTensor tensor = GpuTensor.create(gpu, label, type, total, cols);
        int first = 0;
        for (Part part : parts) {
            upload(gguf, part.name(), tensor.rows(first, part.rows()));
            first += part.rows();
        }
        return tensor;
    }

    /** Registers tensor {@code name} to stream into {@code target}, a row range of a shared buffer. */
    private void upload(GgufFile gguf, String name, GpuTensor target) {
        GgufTensorInfo t = LlamaTensors.require(gguf, name, (long) target.rows * target.cols);
        computable(t);
        upload.add(t, target);
    }

    private static void computable(GgufTensorInfo t) {
        if (!t.type().computable()) {
            throw new GgufException(GgufException.Kind.UNKNOWN_TENSOR_TYPE, "Tensor '" + t.name() + "' has type " + t.type()
                    + ", which the WebGPU kernels cannot compute with yet; supported: " + GgmlType.computableNames() + ".");
        }
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

    @Override
    public LlamaConfig config() {
        return c;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    /** Checks the token, finishes loading if needed, and writes the token uniform of a decode step. */
    private void startStep(int tokenId, int position) {
        if (tokenId < 0 || tokenId >= c.vocabSize()) {
            throw new IllegalArgumentException("Token " + tokenId + " is outside the vocabulary of " + c.vocabSize() + ".");
        }
        finishLoading();
        tokenData.set(0, position);
        tokenData.set(1, tokenId);
        gpu.queue().writeBuffer(token, 0, tokenData);
    }

    @Override
    public void forward(int tokenId, int position, float[] out) {
        if (position < 0 || position >= contextLength) {
            throw new IllegalArgumentException("Position " + position + " is outside the context of " + contextLength + " tokens.");
        }
        startStep(tokenId, position);
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
            gpu.readFloats(readback, c.vocabSize(), out);
        }
    }

    /**
     * Greedy steps chained on the GPU: each step's pass ends with argmax.wgsl, which writes the
     * picked token and the next position where the token uniform's copy comes from; between passes
     * the command encoder copies it into the uniform (a shader cannot write one), so the next step's
     * kernels read it as they read a token written by the CPU. One submission for all the steps, and
     * one readback of {@code count} ids instead of {@code count} readbacks of the logits: on a GPU a
     * decode step is otherwise bound by that round trip, not by its work.
     */
    @Override
    public void decodeGreedy(int tokenId, int position, int count, int[] out) {
        if (count < 1 || count > MAX_GREEDY_STEPS || count > out.length) {
            throw new IllegalArgumentException(count + " greedy steps: give 1 to " + Math.min(MAX_GREEDY_STEPS, out.length) + ".");
        }
        if (position < 0 || position + count > contextLength) {
            throw new IllegalArgumentException("Positions " + position + " to " + (position + count - 1)
                    + " are outside the context of " + contextLength + " tokens.");
        }
        startStep(tokenId, position);
        argmaxData.set(0, c.vocabSize());
        argmaxData.set(1, position); // picks[4 + step] is the id picked at position + step
        gpu.queue().writeBuffer(argmaxParams, 0, argmaxData);
        GPUCommandEncoder encoder = gpu.device().createCommandEncoder();
        for (int step = 0; step < count; step++) {
            GPUComputePassEncoder pass = encoder.beginComputePass();
            for (Dispatch d : layers) {
                d.record(pass);
            }
            for (Dispatch d : head) {
                d.record(pass);
            }
            argmax.record(pass);
            pass.end();
            if (step < count - 1) {
                encoder.copyBufferToBuffer(picks, 0, token, 0, 4L * ArgmaxKernel.TOKEN_WORDS);
            }
        }
        encoder.copyBufferToBuffer(picks, 4L * ArgmaxKernel.TOKEN_WORDS, picksReadback, 0, 4L * count);
        JSArray<GPUCommandEncoder.CommandBuffer> commands = JSArray.create();
        commands.push(encoder.finish());
        gpu.queue().submit(commands);
        Int32Array ids = new Int32Array(gpu.read(picksReadback, 4L * count));
        for (int i = 0; i < count; i++) {
            out[i] = ids.get(i);
        }
    }

    /** Kernel dispatches one decode step records (embedding, every layer, the output head). */
    public int dispatchesPerToken() {
        finishLoading();
        return layers.size() + head.size();
    }

    @Override
    public int greedyStepsPerCall() {
        return MAX_GREEDY_STEPS;
    }

    /**
     * Runs the tokens as batches on the GPU: chunks of at most {@link #prefillChunkTokens()} tokens,
     * one submission each, only the last token's logits computed and read back.
     */
    @Override
    public void forwardBatch(int[] tokens, int offset, int count, int startPosition, float[] lastLogits) {
        checkBatch(tokens, offset, count, startPosition);
        finishLoading();
        long logitBytes = 4L * c.vocabSize();
        int chunk = prefill.chunkTokens();
        for (int done = 0; done < count; done += chunk) {
            int n = Math.min(chunk, count - done);
            boolean last = done + n == count;
            prefill.submitChunk(tokens, offset + done, n, startPosition + done, logits,
                    last && lastLogits != null ? readback : null, logitBytes);
        }
        if (lastLogits != null) {
            gpu.readFloats(readback, c.vocabSize(), lastLogits);
        }
    }

    /**
     * Runs a prompt from position 0 as {@link #forwardBatch} does (without reading logits back),
     * timing its first and its last chunk whole and kernel by kernel before submitting them: where
     * a prompt's time goes (the benchmark's --profile). The model's cache afterwards is as after
     * forwardBatch.
     */
    public List<PromptProfile> profilePrompt(int[] tokens) {
        checkBatch(tokens, 0, tokens.length, 0);
        finishLoading();
        List<PromptProfile> profiles = new ArrayList<>();
        int chunk = prefill.chunkTokens();
        for (int done = 0; done < tokens.length; done += chunk) {
            int n = Math.min(chunk, tokens.length - done);
            if (done == 0 || done + n == tokens.length) {
                profiles.add(prefill.profileChunk(tokens, done, n, done));
            }
            prefill.submitChunk(tokens, done, n, done, logits, null, 0);
        }
        gpu.awaitIdle();
        return profiles;
    }

    /**
     * Times one decode step with its logits (as {@link #forward} records it) whole and kernel by
     * kernel (the benchmark's --profile). The step's KV-cache row is left meaningless: run
     * {@link #forward} at the same position afterwards.
     */
    public StepProfile profileStep(int tokenId, int position) {
        if (position < 0 || position >= contextLength) {
            throw new IllegalArgumentException("Position " + position + " is outside the context of " + contextLength + " tokens.");
        }
        startStep(tokenId, position);
        gpu.awaitIdle();
        List<Dispatch> step = new ArrayList<>(layers);
        step.addAll(head);
        PassProfiler<Dispatch> profiler = new PassProfiler<>(gpu, (d, pass) -> d.record(pass));
        return new StepProfile(position, profiler.whole(step), profiler.kernels(step, d -> d.bindGroup().getLabel()));
    }

    private void checkBatch(int[] tokens, int offset, int count, int startPosition) {
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
    }

    /** Most tokens a prompt chunk holds: its activation buffers are sized for this many. */
    public int prefillMaxBatch() {
        finishLoading();
        return prefill.maxBatch();
    }

    /** Tokens per prompt chunk (at most {@link #prefillMaxBatch()}). */
    public int prefillChunkTokens() {
        finishLoading();
        return prefill.chunkTokens();
    }

    /** Makes prompt chunks smaller, so a short prompt takes several chunks (the checks use this). */
    public void setPrefillChunkTokens(int tokens) {
        finishLoading();
        prefill.setChunkTokens(tokens);
    }
}
