package dev.locara.gpu;

import dev.locara.model.LlamaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;

/**
 * Prompt processing as a batch: the forward pass of {@link GpuLlama} for up to
 * {@link #maxBatch()} tokens at once, each weight matrix read once per chunk by the matrix-matrix
 * kernel instead of once per token. Activation buffers are sized for the largest chunk and bound
 * once; a chunk costs two small writes (its start and count, its token ids), one command buffer and,
 * for the last chunk, the readback of the last token's logits. The steps are the per-token path's,
 * in the same order, over rows of tokens.
 */
final class GpuPrefill {
    /** Most tokens per chunk: enough rows to share the dequantization of each weight chunk (matmul.wgsl). */
    static final int MAX_BATCH = 64;
    /** Activation memory a chunk may take; longer prompts run in several chunks. */
    static final long ACTIVATION_BUDGET = 64L << 20;

    private final WebGpu gpu;
    private final int maxBatch;
    private int chunkTokens;
    private final GPUBuffer batch;       // uniform {start, count}
    private final GPUBuffer ids;         // [maxBatch] token ids of the chunk
    private final Int32Array batchData = new Int32Array(4);
    private final Int32Array idData;
    private final List<Step> layers = new ArrayList<>(); // embedding rows, then every layer
    private final List<Step> head = new ArrayList<>();   // the last token's norm and logits

    /** A prepared dispatch whose workgroup counts follow the chunk's token count. */
    private record Step(Dispatch dispatch, IntUnaryOperator x, IntUnaryOperator y) {
        void record(GPUComputePassEncoder pass, int count) {
            pass.setPipeline(dispatch.pipeline());
            pass.setBindGroup(0, dispatch.bindGroup());
            pass.dispatchWorkgroups(x.applyAsInt(count), y.applyAsInt(count));
        }
    }

    /**
     * @param layers the model's block weights, as GpuLlama loaded them
     * @param logits where the head writes the last token's vocabSize logits
     */
    GpuPrefill(WebGpu gpu, LlamaConfig c, int context, ModelMemory memory, GpuTensor tokenEmbedding, GPUBuffer ropeFactors,
               List<LayerWeights> weights, GPUBuffer outputNorm, GpuTensor output,
               List<GPUBuffer> keyCaches, List<GPUBuffer> valueCaches, GPUBuffer token, GPUBuffer logits) {
        this.gpu = gpu;
        int dim = c.dim();
        int qDim = c.qDim();
        int kvDim = c.kvDim();
        int hidden = c.hiddenDim();
        this.maxBatch = maxBatch(c, context, Math.max(0, gpu.memoryBudget() - memory.total()), gpu.bindingLimit());
        this.chunkTokens = maxBatch;
        int b = maxBatch;

        batch = gpu.uniform("batch", 0, 0);
        ids = gpu.storage(4L * b, "batch token ids");
        idData = new Int32Array(b);
        GPUBuffer x = gpu.storage(4L * b * dim, "batch x");            // [b][dim] residual stream
        GPUBuffer xb = gpu.storage(4L * b * dim, "batch xb");          // [b][dim] normalized input, then projections to add
        // Buffers only some architectures need are allocated only for them (null otherwise).
        GPUBuffer xb2 = c.postNorms() ? gpu.storage(4L * b * dim, "batch xb2") : null; // [b][dim] block output before its post-norm
        GPUBuffer q = gpu.storage(4L * b * qDim, "batch q");           // [b][qDim]
        GPUBuffer qRaw = c.qkNorm() ? gpu.storage(4L * b * qDim, "batch q before its head norms") : null; // [b][qDim]
        GPUBuffer k = gpu.storage(4L * b * kvDim, "batch k");          // [b][kvDim] before rotation and caching
        GPUBuffer kRaw = c.qkNorm() ? gpu.storage(4L * b * kvDim, "batch k before its head norms") : null; // [b][kvDim]
        GPUBuffer v = gpu.storage(4L * b * kvDim, "batch v");          // [b][kvDim]
        GPUBuffer attnOut = gpu.storage(4L * b * qDim, "batch attention out");
        GPUBuffer gate = gpu.storage(4L * b * hidden, "batch ffn gate"); // [b][hidden]
        GPUBuffer up = gpu.storage(4L * b * hidden, "batch ffn up");     // [b][hidden]
        AttentionBatchKernel attention = new AttentionBatchKernel(gpu, c);
        GPUBuffer scores = gpu.storage(4L * attention.scoreStride(b) * c.heads() * context, "batch attention scores");

        RmsNormBatchKernel rmsNorm = new RmsNormBatchKernel(gpu);
        MatMulKernel matMul = new MatMulKernel(gpu);
        MatVecKernel matVec = new MatVecKernel(gpu);
        EmbedBatchKernel embed = new EmbedBatchKernel(gpu);
        RopeBatchKernel rope = new RopeBatchKernel(gpu);
        SwiGluKernel swiGlu = new SwiGluKernel(gpu);

        IntUnaryOperator one = n -> 1;
        IntUnaryOperator perToken = n -> n;
        IntUnaryOperator tiles = MatMulKernel::tokenGroups;
        for (Dispatch d : embed.bind(tokenEmbedding, batch, ids, x, c.embedScale())) {
            layers.add(new Step(d, fixed(d), perToken));
        }
        for (int l = 0; l < c.layers(); l++) {
            LayerWeights w = weights.get(l);
            layers.add(new Step(rmsNorm.bind(batch, x, w.attnNorm(), xb, dim, c.normEps(), false), perToken, one));
            matMul(layers, matMul.bind(w.wq(), xb, c.qkNorm() ? qRaw : q, b, false, w.bq()), tiles);
            matMul(layers, matMul.bind(w.wk(), xb, c.qkNorm() ? kRaw : k, b, false, w.bk()), tiles);
            matMul(layers, matMul.bind(w.wv(), xb, v, b, false, w.bv()), tiles);
            if (c.qkNorm()) {
                // One workgroup per head of every token: rows of headDim values.
                int heads = c.heads();
                int kvHeads = c.kvHeads();
                layers.add(new Step(rmsNorm.bind(batch, qRaw, w.qNorm(), q, c.headDim(), c.normEps(), false),
                        n -> n * heads, one));
                layers.add(new Step(rmsNorm.bind(batch, kRaw, w.kNorm(), k, c.headDim(), c.normEps(), false),
                        n -> n * kvHeads, one));
            }
            Dispatch r = rope.bind(c, batch, q, k, v, keyCaches.get(l), valueCaches.get(l), c.ropeTheta(l), ropeFactors);
            layers.add(new Step(r, fixed(r), perToken));
            Dispatch a = attention.bind(c, context, b, batch, q, keyCaches.get(l), valueCaches.get(l), scores, attnOut,
                    c.isLocal(l) ? c.slidingWindow() : 0);
            layers.add(new Step(a, n -> attention.groupsX(c, n), n -> attention.groupsY(c, n)));
            addBlockOutput(c, matMul, rmsNorm, w.wo(), attnOut, xb2, x, w.postAttnNorm(), b, tiles, perToken, one);
            layers.add(new Step(rmsNorm.bind(batch, x, w.ffnNorm(), xb, dim, c.normEps(), false), perToken, one));
            matMul(layers, matMul.bind(w.gate(), xb, gate, b, false), tiles);
            matMul(layers, matMul.bind(w.up(), xb, up, b, false), tiles);
            // gate and up rows are contiguous, so the per-token kernel covers the chunk as one vector.
            layers.add(new Step(swiGlu.bind(gate, up, b * hidden, c.geluFfn()),
                    n -> Dispatch.groups(n * hidden, SwiGluKernel.WORKGROUP), one));
            addBlockOutput(c, matMul, rmsNorm, w.down(), gate, xb2, x, w.postFfnNorm(), b, tiles, perToken, one);
        }
        head.add(new Step(rmsNorm.bind(batch, x, outputNorm, xb, dim, c.normEps(), true), one, one));
        for (Dispatch d : matVec.bind(output, xb, logits, token, false, 0, null, c.finalSoftcap(), null)) {
            head.add(new Step(d, fixed(d), one));
        }
    }

    /** X += W in, or with a post-norm (gemma) X += rmsnorm(W in) * norm, row by row (as GpuLlama does). */
    private void addBlockOutput(LlamaConfig c, MatMulKernel matMul, RmsNormBatchKernel rmsNorm, GpuTensor w, GPUBuffer in,
                                GPUBuffer scratch, GPUBuffer x, GPUBuffer postNorm, int b, IntUnaryOperator tiles,
                                IntUnaryOperator perToken, IntUnaryOperator one) {
        if (postNorm == null) {
            matMul(layers, matMul.bind(w, in, x, b, true), tiles);
        } else {
            matMul(layers, matMul.bind(w, in, scratch, b, false), tiles);
            layers.add(new Step(rmsNorm.bind(batch, scratch, postNorm, x, c.dim(), c.normEps(), false, 0, true), perToken, one));
        }
    }

    private static IntUnaryOperator fixed(Dispatch d) {
        int groups = d.workgroups();
        return n -> groups;
    }

    private static void matMul(List<Step> steps, List<Dispatch> dispatches, IntUnaryOperator tiles) {
        for (Dispatch d : dispatches) {
            steps.add(new Step(d, fixed(d), tiles));
        }
    }

    /**
     * The largest chunk whose activations fit in what the memory budget leaves after the model (at
     * most {@link #ACTIVATION_BUDGET}) and whose largest buffer fits in one binding; at least one token.
     */
    static int maxBatch(LlamaConfig c, int context, long free, long bindingLimit) {
        // x, xb (dim); q, attention out (qDim); k, v (kvDim); gate, up (hidden); scores; and for Gemma
        // xb2 (dim), for Gemma 3 the raw q and k.
        long perToken = 4L * (2L * c.dim() + 2L * c.qDim() + 2L * c.kvDim() + 2L * c.hiddenDim() + (long) c.heads() * context
                + (c.postNorms() ? c.dim() : 0) + (c.qkNorm() ? c.qDim() + c.kvDim() : 0));
        long widest = 4L * Math.max(Math.max(Math.max(c.dim(), c.qDim()), c.hiddenDim()), (long) c.heads() * context);
        long byMemory = Math.min(free, ACTIVATION_BUDGET) / perToken;
        long byBinding = bindingLimit / widest;
        return (int) Math.max(1, Math.min(MAX_BATCH, Math.min(byMemory, byBinding)));
    }

    int maxBatch() {
        return maxBatch;
    }

    /** Tokens per chunk from now on, at most {@link #maxBatch()} (the checks force several chunks). */
    void setChunkTokens(int tokens) {
        if (tokens < 1 || tokens > maxBatch) {
            throw new IllegalArgumentException("Chunks hold 1 to " + maxBatch + " tokens, not " + tokens + ".");
        }
        chunkTokens = tokens;
    }

    int chunkTokens() {
        return chunkTokens;
    }

    /**
     * Records and submits one chunk of at most {@link #chunkTokens()} tokens at positions
     * {@code start} onward; with {@code readback} non-null, also the last token's logits, copied to
     * {@code readback}. Positions and ids were checked by the caller.
     */
    void submitChunk(int[] tokens, int offset, int count, int start, GPUBuffer logits, GPUBuffer readback, long logitBytes) {
        writeChunk(tokens, offset, count, start);
        GPUCommandEncoder encoder = gpu.device().createCommandEncoder();
        GPUComputePassEncoder pass = encoder.beginComputePass();
        for (Step s : layers) {
            s.record(pass, count);
        }
        if (readback != null) {
            for (Step s : head) {
                s.record(pass, count);
            }
        }
        pass.end();
        if (readback != null) {
            encoder.copyBufferToBuffer(logits, 0, readback, 0, logitBytes);
        }
        JSArray<GPUCommandEncoder.CommandBuffer> commands = JSArray.create();
        commands.push(encoder.finish());
        gpu.queue().submit(commands);
    }

    /** The chunk's start and count, and its token ids. */
    private void writeChunk(int[] tokens, int offset, int count, int start) {
        batchData.set(0, start);
        batchData.set(1, count);
        gpu.queue().writeBuffer(batch, 0, batchData);
        for (int i = 0; i < count; i++) {
            idData.set(i, tokens[offset + i]);
        }
        gpu.queue().writeBuffer(ids, 0, idData, 0, count);
    }

    /**
     * Times a chunk whole and kernel by kernel ({@link PromptProfile}, {@link PassProfiler}): the
     * caller submits the chunk for real afterwards, which rewrites its activations and KV-cache rows
     * (earlier positions are never written by a chunk).
     */
    PromptProfile profileChunk(int[] tokens, int offset, int count, int start) {
        writeChunk(tokens, offset, count, start);
        gpu.awaitIdle();
        PassProfiler<Step> profiler = new PassProfiler<>(gpu, (s, pass) -> s.record(pass, count));
        return new PromptProfile(start, count, profiler.whole(layers),
                profiler.kernels(layers, s -> s.dispatch().bindGroup().getLabel()));
    }
}
