package dev.locara.gpu;

import dev.locara.model.BlockTensor;
import dev.locara.model.LayerPlan;
import dev.locara.model.LayerStep;
import dev.locara.model.LayerStep.Slot;
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
 * Prompt processing as a batch: the layer plan's steps, as {@link DecodePass} runs them, for up to
 * {@link #maxBatch()} tokens at once, each weight matrix read once per chunk by the matrix-matrix
 * kernel instead of once per token. Activation buffers are sized for the largest chunk and bound
 * once; a chunk costs two small writes (its start and count, its token ids), one command buffer and,
 * for the last chunk, the readback of the last token's logits. Every norm is a dispatch of its own
 * (rmsnorm_batch.wgsl) and RoPE one before the attention (rope_batch.wgsl).
 */
final class GpuPrefill implements LayerStep.Visitor {
    /** Most tokens per chunk: enough rows to share the dequantization of each weight chunk (matmul.wgsl). */
    static final int MAX_BATCH = 64;
    /** Activation memory a chunk may take; longer prompts run in several chunks. */
    static final long ACTIVATION_BUDGET = 64L << 20;
    private static final IntUnaryOperator ONE = BatchStep.ONE;
    private static final IntUnaryOperator PER_TOKEN = BatchStep.PER_TOKEN;
    private static final int START = UniformLayout.BATCH.index("start");
    private static final int COUNT = UniformLayout.BATCH.index("count");

    private final WebGpu gpu;
    private final LlamaConfig c;
    private final int context;
    private final int maxBatch;
    private int chunkTokens;
    private final GPUBuffer batch;       // uniform {start, count}
    private final GPUBuffer ids;         // [maxBatch] token ids of the chunk
    private final Int32Array batchData = new Int32Array(UniformLayout.BATCH.words());
    private final Int32Array idData;
    /** The chunk's activations by slot, [maxBatch][the slot's width] each. */
    private final GPUBuffer[] slots = new GPUBuffer[Slot.values().length];
    private final GPUBuffer up;          // [maxBatch][hidden]
    private final GPUBuffer scores;
    private final List<BatchStep> layers = new ArrayList<>(); // embedding rows, then every layer
    private final List<BatchStep> head = new ArrayList<>();   // the last token's norm and logits

    // While binding: the kernels, and the layer's weights and caches.
    private final RmsNormBatchKernel rmsNorm;
    private final MatMulKernel matMul;
    private final RopeBatchKernel rope;
    private final AttentionBatchKernel attention;
    private final SwiGluKernel swiGlu;
    private final GPUBuffer ropeFactors;
    private LayerWeights w;
    private GPUBuffer keyCache;
    private GPUBuffer valueCache;

    /**
     * @param weights the model's weights, as GpuLlama loaded them
     * @param logits  where the head writes the last token's vocabSize logits
     */
    GpuPrefill(WebGpu gpu, LlamaConfig c, LayerPlan plan, int context, ModelMemory memory, GpuWeights weights,
               List<GPUBuffer> keyCaches, List<GPUBuffer> valueCaches, GPUBuffer token, GPUBuffer logits) {
        this.gpu = gpu;
        this.c = c;
        this.context = context;
        this.maxBatch = maxBatch(c, context, Math.max(0, gpu.buffers().memoryBudget() - memory.total()), gpu.bindingLimit());
        this.chunkTokens = maxBatch;
        int b = maxBatch;

        batch = UniformLayout.BATCH.values().u32("start", 0).u32("count", 0).write(gpu.buffers(), "batch");
        ids = gpu.buffers().storage(4L * b, "batch token ids");
        idData = new Int32Array(b);
        for (Slot s : plan.slots()) {
            slots[s.ordinal()] = gpu.buffers().storage(4L * b * s.width(c), "batch " + s.name().toLowerCase());
        }
        up = gpu.buffers().storage(4L * b * c.hiddenDim(), "batch ffn up");
        attention = new AttentionBatchKernel(gpu, c, context, b);
        scores = gpu.buffers().storage(4L * attention.scoreStride() * c.heads() * context, "batch attention scores");
        rmsNorm = new RmsNormBatchKernel(gpu, c.normEps());
        matMul = new MatMulKernel(gpu);
        rope = new RopeBatchKernel(gpu, c);
        swiGlu = new SwiGluKernel(gpu);
        ropeFactors = weights.ropeFactors;

        GPUBuffer x = slots[Slot.X.ordinal()];
        for (Dispatch d : new EmbedBatchKernel(gpu).bind(weights.tokenEmbedding, batch, ids, x, c.embedScale())) {
            layers.add(new BatchStep(d, fixed(d), PER_TOKEN));
        }
        plan.walk(l -> {
            w = weights.layers.get(l);
            keyCache = keyCaches.get(l);
            valueCache = valueCaches.get(l);
        }, this);
        GPUBuffer normed = slots[Slot.NORMED.ordinal()];
        head.add(new BatchStep(rmsNorm.bind(RmsNormBatchKernel.Rows.LAST, batch, x, weights.outputNorm, normed, c.dim()), ONE, ONE));
        for (Dispatch d : new MatVecKernel(gpu).bind(Projection.of(weights.output, normed, logits).softcap(c.finalSoftcap()), token)) {
            head.add(new BatchStep(d, fixed(d), ONE));
        }
    }

    private GPUBuffer buffer(Slot s) {
        return slots[s.ordinal()];
    }

    @Override
    public void norm(LayerStep.Norm s) {
        GPUBuffer weight = w.vector(s.weight());
        if (s.perHead()) { // one workgroup per head of every token: rows of headDim values
            int heads = s.from().width(c) / c.headDim();
            layers.add(new BatchStep(rmsNorm.bind(RmsNormBatchKernel.Rows.EACH, batch, buffer(s.from()), weight, buffer(s.to()),
                    c.headDim()), n -> n * heads, ONE));
        } else {
            RmsNormBatchKernel.Rows rows = s.add() ? RmsNormBatchKernel.Rows.EACH_ADDED : RmsNormBatchKernel.Rows.EACH;
            layers.add(new BatchStep(rmsNorm.bind(rows, batch, buffer(s.from()), weight, buffer(s.to()), s.from().width(c)),
                    PER_TOKEN, ONE));
        }
    }

    @Override
    public void qkv(LayerStep.Qkv s) {
        GPUBuffer in = buffer(s.from());
        matMul(Projection.of(w.matrix(BlockTensor.ATTN_Q), in, buffer(s.q())).bias(s.bias() ? w.vector(BlockTensor.ATTN_Q_BIAS) : null));
        matMul(Projection.of(w.matrix(BlockTensor.ATTN_K), in, buffer(s.k())).bias(s.bias() ? w.vector(BlockTensor.ATTN_K_BIAS) : null));
        matMul(Projection.of(w.matrix(BlockTensor.ATTN_V), in, buffer(Slot.V)).bias(s.bias() ? w.vector(BlockTensor.ATTN_V_BIAS) : null));
    }

    /** rope_batch.wgsl turns the chunk's q and k and stores k and v in the cache; then the chunk attends. */
    @Override
    public void attention(LayerStep.Attention s) {
        Dispatch r = rope.bind(s, batch, new RopeBatchKernel.Buffers(buffer(Slot.Q), buffer(Slot.K), buffer(Slot.V), keyCache,
                valueCache, ropeFactors));
        layers.add(new BatchStep(r, fixed(r), PER_TOKEN));
        Dispatch a = attention.bind(s, batch, new AttentionBatchKernel.Buffers(buffer(Slot.Q), keyCache, valueCache, scores,
                buffer(Slot.ATTN_OUT)));
        layers.add(new BatchStep(a, attention::groupsX, attention::groupsY));
    }

    @Override
    public void project(LayerStep.Project s) {
        matMul(Projection.of(w.matrix(s.weight()), buffer(s.from()), buffer(s.to())).accumulate(s.add()));
    }

    @Override
    public void glu(LayerStep.Glu s) {
        GPUBuffer in = buffer(s.from());
        GPUBuffer gate = buffer(s.to());
        matMul(Projection.of(w.matrix(BlockTensor.FFN_GATE), in, gate));
        matMul(Projection.of(w.matrix(BlockTensor.FFN_UP), in, up));
        // gate and up rows are contiguous, so the per-token kernel covers the chunk as one vector.
        int hidden = c.hiddenDim();
        layers.add(new BatchStep(swiGlu.bind(gate, up, maxBatch * hidden, s.activation()),
                n -> Dispatch.groups(n * hidden, SwiGluKernel.WORKGROUP), ONE));
    }

    private static IntUnaryOperator fixed(Dispatch d) {
        return BatchStep.fixed(d);
    }

    /** A projection of the whole chunk: its tiles of tokens follow the chunk's count. */
    private void matMul(Projection p) {
        for (Dispatch d : matMul.bind(p, maxBatch)) {
            layers.add(new BatchStep(d, fixed(d), MatMulKernel::tokenGroups));
        }
    }

    /**
     * The largest chunk whose activations fit in what the memory budget leaves after the model (at
     * most {@link #ACTIVATION_BUDGET}) and whose largest buffer fits in one binding; at least one token.
     */
    static int maxBatch(LlamaConfig c, int context, long free, long bindingLimit) {
        // Each slot the plan uses, up and the scores, as the constructor allocates them.
        long perToken = c.hiddenDim() + (long) c.heads() * context;
        long widest = (long) c.heads() * context;
        for (Slot s : LayerPlan.of(c).slots()) {
            perToken += s.width(c);
            widest = Math.max(widest, s.width(c));
        }
        perToken *= 4;
        widest *= 4;
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
        for (BatchStep s : layers) {
            s.record(pass, count);
        }
        if (readback != null) {
            for (BatchStep s : head) {
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
        batchData.set(START, start);
        batchData.set(COUNT, count);
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
        PassProfiler<BatchStep> profiler = new PassProfiler<>(gpu, (s, pass) -> s.record(pass, count));
        return new PromptProfile(start, count, profiler.whole(layers),
                profiler.kernels(layers, s -> s.dispatch().bindGroup().getLabel()));
    }
}
