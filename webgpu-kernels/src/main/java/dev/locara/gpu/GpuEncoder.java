package dev.locara.gpu;

import dev.locara.embed.EmbeddingModel;
import dev.locara.embed.EncoderConfig;
import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;

/**
 * The BERT-family encoders ({@code bert}, {@code nomic-bert}) on WebGPU, the same math as the CPU
 * reference {@code EncoderCpu}, for a packed batch of sequences in one submission:
 * <ol>
 *   <li>embeddings: the token rows (embed_batch.wgsl), the position rows (bert) and the token-type rows
 *       looked up by the same kernel, summed and LayerNormed (layernorm.wgsl);
 *   <li>per block: q, k, v by the matrix-matrix kernel (matmul.wgsl, every weight type), rotary positions
 *       (nomic-bert, rope_encoder.wgsl), bidirectional attention within each sequence
 *       (attention_bidirectional.wgsl), the output projection added into the residual stream, LayerNorm;
 *       up (and gate), GELU or SwiGLU (gelu.wgsl), down added into the stream, LayerNorm;
 *   <li>pooling and L2 normalization (pooling.wgsl): only the pooled vectors are read back.
 * </ol>
 * Sequences lie one after another without padding; each token knows its sequence's span, so none attends
 * across sequences. A batch costs five small writes (ids, positions, types, the spans) and one command
 * buffer; the dispatches are prepared once, bound to buffers sized for {@link #maxTokens()} tokens.
 */
public final class GpuEncoder implements EmbeddingModel {
    /** Activation memory a batch may take beyond one full-context sequence; longer batches run in several submissions. */
    static final long ACTIVATION_BUDGET = 64L << 20;
    /** Most sequences per submission: the pooled output and its readback are sized for these. */
    static final int MAX_SEQUENCES = 512;
    private static final IntUnaryOperator ONE = BatchStep.ONE;
    private static final IntUnaryOperator PER_TOKEN = BatchStep.PER_TOKEN;

    private final WebGpu gpu;
    private final EncoderConfig c;
    private final WeightUpload upload;
    private final int maxTokens;
    private final GPUBuffer batch;      // uniform {start 0, count: the batch's tokens}
    private final GPUBuffer ids;        // [maxTokens] token ids
    private final GPUBuffer positions;  // [maxTokens] position within the token's sequence
    private final GPUBuffer types;      // [maxTokens] token types (all 0: one segment per text)
    private final GPUBuffer tokenSpans; // [maxTokens] (first, length) of the token's sequence
    private final GPUBuffer seqSpans;   // [MAX_SEQUENCES] (first, length) of each sequence
    private final GPUBuffer x;          // [maxTokens][dim] the residual stream
    private final GPUBuffer q, k, v;    // [maxTokens][dim]; q and k hold the position and type rows before layer 0
    private final GPUBuffer att;        // [maxTokens][dim] attention output
    private final GPUBuffer up;         // [maxTokens][ffn]
    private final GPUBuffer gate;       // [maxTokens][ffn] (SwiGLU), or null
    private final GPUBuffer pooled;     // [MAX_SEQUENCES][dim]
    private final GPUBuffer readback;   // [MAX_SEQUENCES][dim], mappable
    private final Int32Array batchData = new Int32Array(UniformLayout.BATCH.words());
    private final Int32Array idData, positionData, spanData, seqSpanData;
    private final List<BatchStep> steps = new ArrayList<>();
    private Dispatch pooling;
    /** Binds every kernel once its pipeline is compiled ({@link #finishLoading}). */
    private final DeferredBinding binding;

    /**
     * Allocates the weights (registered with {@link #upload()}) and the activations, and starts
     * compiling the kernels; the caller streams the file's tensors into the upload, then calls
     * {@link #finishLoading}.
     *
     * @throws InsufficientGpuMemoryException when weights and one full-context batch exceed the memory budget
     */
    public GpuEncoder(WebGpu gpu, GgufFile gguf) {
        this.gpu = gpu;
        this.c = EncoderConfig.fromGguf(gguf);
        EncoderAttentionKernel.check(c.headDim());
        long weightBytes = 0;
        for (GgufTensorInfo t : gguf.tensors()) {
            weightBytes += t.bytes();
        }
        long perToken = perTokenBytes(c);
        long free = gpu.buffers().memoryBudget() - gpu.buffers().allocatedBytes() - weightBytes;
        long needed = weightBytes + perToken * c.contextLength();
        if (free < perToken * c.contextLength()) {
            throw new InsufficientGpuMemoryException(needed, gpu.buffers().memoryBudget(), "This embedding model needs "
                    + InsufficientGpuMemoryException.size(needed) + " of GPU memory for its weights and one batch of "
                    + c.contextLength() + " tokens, but this device allows "
                    + InsufficientGpuMemoryException.size(gpu.buffers().memoryBudget() - gpu.buffers().allocatedBytes())
                    + ". Close other GPU work or pick a smaller model.");
        }
        this.maxTokens = maxTokens(c, free, gpu.bindingLimit());
        this.upload = new WeightUpload(gpu);
        gpu.pipelines().startCompiling(kernelSpecs(gpu, gguf, c));
        EncoderWeights w = new EncoderWeights(gpu, gguf, c, upload);

        BufferPool buffers = gpu.buffers();
        int t = maxTokens;
        batch = UniformLayout.BATCH.values().u32("start", 0).u32("count", 0).write(buffers, "encoder batch");
        ids = buffers.storage(4L * t, "encoder token ids");
        positions = buffers.storage(4L * t, "encoder positions");
        types = buffers.storage(4L * t, "encoder token types"); // zeros, as created
        tokenSpans = buffers.storage(8L * t, "encoder token spans");
        seqSpans = buffers.storage(8L * MAX_SEQUENCES, "encoder sequence spans");
        long row = 4L * t * c.dim();
        x = buffers.storage(row, "encoder x");
        q = buffers.storage(row, "encoder q");
        k = buffers.storage(row, "encoder k");
        v = buffers.storage(row, "encoder v");
        att = buffers.storage(row, "encoder attention");
        up = buffers.storage(4L * t * c.ffn(), "encoder ffn up");
        gate = c.swiglu() ? buffers.storage(4L * t * c.ffn(), "encoder ffn gate") : null;
        pooled = buffers.storage(4L * MAX_SEQUENCES * c.dim(), "encoder pooled");
        readback = buffers.readback(4L * MAX_SEQUENCES * c.dim(), "encoder pooled readback");
        idData = new Int32Array(t);
        positionData = new Int32Array(t);
        spanData = new Int32Array(2 * t);
        seqSpanData = new Int32Array(2 * MAX_SEQUENCES);
        binding = new DeferredBinding(() -> bind(w));
    }

    /** Activation bytes per token of a batch: x, q, k, v, the attention output, up (and gate), and the per-token ints. */
    static long perTokenBytes(EncoderConfig c) {
        return 4L * (5L * c.dim() + (c.swiglu() ? 2L : 1L) * c.ffn() + 5);
    }

    /**
     * Tokens per submission: at least one full-context sequence, more as far as {@link #ACTIVATION_BUDGET}
     * and the free memory allow, each buffer within one binding and every dispatch within WebGPU's
     * 65535 workgroups per dimension.
     */
    static int maxTokens(EncoderConfig c, long free, long bindingLimit) {
        long perToken = perTokenBytes(c);
        long byMemory = Math.min(free, Math.max(ACTIVATION_BUDGET, perToken * c.contextLength())) / perToken;
        long byBinding = bindingLimit / (4L * Math.max(c.dim(), c.ffn()));
        long n = Math.min(65535, Math.min(byMemory, byBinding));
        if (n < c.contextLength()) {
            throw new InsufficientGpuMemoryException(perToken * c.contextLength(), free, "One sequence of this model's "
                    + c.contextLength() + " tokens needs " + InsufficientGpuMemoryException.size(perToken * c.contextLength())
                    + " of activations in buffers of at most " + InsufficientGpuMemoryException.size(bindingLimit)
                    + ", more than this device allows.");
        }
        return (int) n;
    }

    /** The pipelines the encoder will ask for with this file's tensor types, compiled while the weights stream. */
    static List<PipelineSpec> kernelSpecs(WebGpu gpu, GgufFile gguf, EncoderConfig c) {
        List<PipelineSpec> specs = new ArrayList<>(List.of(LayerNormKernel.spec(gpu), GeluKernel.spec(),
                EncoderAttentionKernel.spec(gpu, c.headDim()), PoolingKernel.spec(gpu)));
        if (c.rotary()) {
            specs.add(EncoderRopeKernel.spec());
        }
        for (GgufTensorInfo t : gguf.tensors()) {
            String n = t.name();
            if (t.shape().length != 2 || !PackedLayout.has(t.type())) {
                continue;
            }
            PackedLayout layout = PackedLayout.of(t.type());
            boolean table = n.equals("token_embd.weight") || n.equals("position_embd.weight") || n.equals("token_types.weight");
            specs.add(table ? EmbedKernel.spec(EmbedBatchKernel.SOURCE, layout) : MatMulKernel.spec(gpu, layout, (int) t.shape()[0]));
            if (layout.repacked() && WeightUpload.repacksOnGpu(gpu)) {
                specs.add(WeightUpload.repackSpec(layout));
            }
        }
        return specs;
    }

    /** Prepares every dispatch of a batch, in the order the CPU reference computes. */
    private void bind(EncoderWeights w) {
        MatMulKernel matMul = new MatMulKernel(gpu);
        EmbedBatchKernel embed = new EmbedBatchKernel(gpu);
        LayerNormKernel norm = new LayerNormKernel(gpu, c.normEps());
        GeluKernel gelu = new GeluKernel(gpu);
        EncoderAttentionKernel attention = new EncoderAttentionKernel(gpu, c.headDim());
        int d = c.dim();

        // 1. Embeddings: token + position + token type, then LayerNorm.
        table(embed, w.tokenEmbedding, ids, x);
        GPUBuffer first = null;
        GPUBuffer second = null;
        if (w.positionEmbedding != null) {
            table(embed, w.positionEmbedding, positions, q);
            first = q;
        }
        if (w.typeEmbedding != null) {
            table(embed, w.typeEmbedding, types, k);
            if (first == null) {
                first = k;
            } else {
                second = k;
            }
        }
        steps.add(new BatchStep(norm.bind(batch, x, first, second, w.embNorm, w.embNormBias, d), PER_TOKEN, ONE));

        // 2. Blocks, post-norm: attention, add, norm; feed-forward, add, norm.
        EncoderRopeKernel rope = c.rotary() ? new EncoderRopeKernel(gpu) : null;
        for (EncoderWeights.Layer l : w.layers) {
            matMul(matMul, Projection.of(l.q(), x, q).bias(l.qBias()));
            matMul(matMul, Projection.of(l.k(), x, k).bias(l.kBias()));
            matMul(matMul, Projection.of(l.v(), x, v).bias(l.vBias()));
            if (rope != null) {
                Dispatch r = rope.bind(batch, positions, q, k, c.heads(), c.headDim(), c.ropeTheta());
                steps.add(new BatchStep(r, fixed(r), PER_TOKEN));
            }
            int heads = c.heads();
            steps.add(new BatchStep(attention.bind(batch, new EncoderAttentionKernel.Buffers(tokenSpans, q, k, v, att), heads, c.headDim()),
                    attention::groupsX, n -> heads));
            matMul(matMul, Projection.of(l.output(), att, x).bias(l.outputBias()).accumulate(true));
            steps.add(new BatchStep(norm.bind(batch, x, null, null, l.attnNorm(), l.attnNormBias(), d), PER_TOKEN, ONE));

            matMul(matMul, Projection.of(l.up(), x, up).bias(l.upBias()));
            if (l.gate() != null) {
                matMul(matMul, Projection.of(l.gate(), x, gate));
            }
            int ffn = c.ffn();
            steps.add(new BatchStep(gelu.bind(batch, up, l.gate() != null ? gate : null, ffn), n -> GeluKernel.groups(n, ffn), ONE));
            matMul(matMul, Projection.of(l.down(), up, x).bias(l.downBias()).accumulate(true));
            steps.add(new BatchStep(norm.bind(batch, x, null, null, l.outNorm(), l.outNormBias(), d), PER_TOKEN, ONE));
        }

        // 3. Pooling and L2 normalization, one workgroup per sequence.
        pooling = new PoolingKernel(gpu).bind(seqSpans, x, pooled, d, c.pooling());
    }

    /** Rows of {@code table} for the batch's {@code rowIds} into {@code out}. */
    private void table(EmbedBatchKernel embed, GpuTensor table, GPUBuffer rowIds, GPUBuffer out) {
        for (Dispatch d : embed.bind(table, batch, rowIds, out, 1f)) {
            steps.add(new BatchStep(d, fixed(d), PER_TOKEN));
        }
    }

    /** A projection of the whole batch: its tiles of tokens follow the batch's count. */
    private void matMul(MatMulKernel kernel, Projection p) {
        for (Dispatch d : kernel.bind(p, maxTokens)) {
            steps.add(new BatchStep(d, fixed(d), MatMulKernel::tokenGroups));
        }
    }

    private static IntUnaryOperator fixed(Dispatch d) {
        return BatchStep.fixed(d);
    }

    /**
     * Waits for the kernels, which compiled while the weights streamed, and binds them; a loader calls
     * it after {@link WeightUpload#finish()}, and the first {@link #embed} does for callers that do not.
     *
     * @throws KernelCompileException when a kernel did not compile on this device
     */
    public void finishLoading() {
        binding.run();
    }

    /** Where the model file's tensor bytes must be streamed to. */
    public WeightUpload upload() {
        return upload;
    }

    @Override
    public EncoderConfig config() {
        return c;
    }

    /** Most tokens one submission holds: longer batches are split between sequences. */
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public float[][] embed(int[][] sequences) {
        for (int s = 0; s < sequences.length; s++) {
            int len = sequences[s].length;
            if (len < 1 || len > c.contextLength()) {
                throw new IllegalArgumentException("Sequence " + s + " has " + len + " tokens; the model takes 1 to "
                        + c.contextLength() + ".");
            }
            for (int id : sequences[s]) {
                if (id < 0 || id >= c.vocabSize()) {
                    throw new IllegalArgumentException("Token id " + id + " is outside the vocabulary of " + c.vocabSize() + ".");
                }
            }
        }
        finishLoading();
        float[][] out = new float[sequences.length][];
        for (int from = 0; from < sequences.length; ) {
            int to = from;
            int tokens = 0;
            while (to < sequences.length && to - from < MAX_SEQUENCES && tokens + sequences[to].length <= maxTokens) {
                tokens += sequences[to++].length;
            }
            submit(sequences, from, to, tokens, out);
            from = to;
        }
        return out;
    }

    /**
     * Times one batch of {@code sequences} (which must fit one submission) kernel by kernel
     * ({@link PassProfiler}), for the benchmark's --profile; the activations it leaves are meaningless.
     */
    public List<KernelTime> profile(int[][] sequences) {
        finishLoading();
        int tokens = 0;
        for (int[] s : sequences) {
            tokens += s.length;
        }
        if (tokens > maxTokens || sequences.length > MAX_SEQUENCES) {
            throw new IllegalArgumentException("A profiled batch must fit one submission: " + maxTokens + " tokens.");
        }
        writeBatch(sequences, 0, sequences.length, tokens);
        gpu.awaitIdle();
        int count = tokens;
        PassProfiler<BatchStep> profiler = new PassProfiler<>(gpu, (s, pass) -> s.record(pass, count));
        List<KernelTime> times = new ArrayList<>(List.of(new KernelTime("whole", steps.size(), profiler.whole(steps))));
        times.addAll(profiler.kernels(steps, s -> s.dispatch().bindGroup().getLabel()));
        return times;
    }

    /** Sequences [from, to), {@code tokens} tokens together, as one submission; their vectors into out. */
    private void submit(int[][] sequences, int from, int to, int tokens, float[][] out) {
        writeBatch(sequences, from, to, tokens);
        int count = to - from;
        GPUCommandEncoder encoder = gpu.device().createCommandEncoder();
        GPUComputePassEncoder pass = encoder.beginComputePass();
        for (BatchStep s : steps) {
            s.record(pass, tokens);
        }
        pass.setPipeline(pooling.pipeline());
        pass.setBindGroup(0, pooling.bindGroup());
        pass.dispatchWorkgroups(count, 1);
        pass.end();
        long bytes = 4L * count * c.dim();
        encoder.copyBufferToBuffer(pooled, 0, readback, 0, bytes);
        JSArray<GPUCommandEncoder.CommandBuffer> commands = JSArray.create();
        commands.push(encoder.finish());
        gpu.queue().submit(commands);
        float[] flat = new float[count * c.dim()];
        gpu.readFloats(readback, flat.length, flat);
        for (int s = 0; s < count; s++) {
            out[from + s] = new float[c.dim()];
            System.arraycopy(flat, s * c.dim(), out[from + s], 0, c.dim());
        }
    }

    /** Writes the ids, positions and spans of sequences [from, to), {@code tokens} tokens together. */
    private void writeBatch(int[][] sequences, int from, int to, int tokens) {
        int t = 0;
        for (int s = from; s < to; s++) {
            int len = sequences[s].length;
            seqSpanData.set(2 * (s - from), t);
            seqSpanData.set(2 * (s - from) + 1, len);
            for (int p = 0; p < len; p++, t++) {
                idData.set(t, sequences[s][p]);
                positionData.set(t, p);
                spanData.set(2 * t, t - p);
                spanData.set(2 * t + 1, len);
            }
        }
        int count = to - from;
        batchData.set(UniformLayout.BATCH.index("count"), tokens);
        gpu.queue().writeBuffer(batch, 0, batchData);
        gpu.queue().writeBuffer(ids, 0, idData, 0, tokens);
        gpu.queue().writeBuffer(positions, 0, positionData, 0, tokens);
        gpu.queue().writeBuffer(tokenSpans, 0, spanData, 0, 2 * tokens);
        gpu.queue().writeBuffer(seqSpans, 0, seqSpanData, 0, 2 * count);
    }
}
