package dev.locara.gpu;

import dev.locara.gguf.GgufFile;
import dev.locara.gguf.GgufTensorInfo;
import dev.locara.model.LanguageModel;
import dev.locara.model.LayerPlan;
import dev.locara.model.LlamaConfig;
import java.util.ArrayList;
import java.util.List;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.webgpu.GPUBuffer;
import org.teavm.jso.webgpu.GPUCommandEncoder;
import org.teavm.jso.webgpu.GPUComputePassEncoder;

/**
 * The forward pass of every supported architecture on WebGPU: the steps of the model's
 * {@link LayerPlan}, as the CPU reference ({@code LlamaCpu}) walks them, each a kernel dispatch
 * prepared once with its bind group ({@link DecodePass}), so a token costs one uniform write (its
 * position and id), one command buffer holding every layer, and a readback of the logits only when
 * sampling needs them. Weight matrices keep their file's type (F32, F16, BF16, Q4_0 ... Q6_K) and
 * are dequantized inside the matrix kernels ({@link GpuWeights}); the memory this takes is checked
 * before anything is allocated ({@link ModelMemory}). A prompt runs as a batch
 * ({@link #forwardBatch}, {@link GpuPrefill}).
 *
 * <p>A decode step is as few dispatches as the kernels allow, since each costs a fixed time beside
 * its work: projections that read the same input and share a type run as one dispatch. Greedy
 * steps chain on the GPU ({@link #decodeGreedy}), so a run of tokens is one submission.
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
    private static final int POS = UniformLayout.TOKEN.index("pos");
    private static final int ID = UniformLayout.TOKEN.index("id");
    private static final int ARGMAX_N = ArgmaxKernel.PARAMS.index("n");
    private static final int ARGMAX_BASE = ArgmaxKernel.PARAMS.index("base");
    private final Int32Array tokenData = new Int32Array(UniformLayout.TOKEN.words());
    private final Int32Array argmaxData = new Int32Array(ArgmaxKernel.PARAMS.words());
    private final DecodePass decode;
    private Dispatch argmax;
    // For the batch path too, which binds the same weights and caches to its own activations.
    private final List<GPUBuffer> keyCaches = new ArrayList<>();   // [layer][context][kvDim]
    private final List<GPUBuffer> valueCaches = new ArrayList<>(); // [layer][context][kvDim]
    private GpuPrefill prefill;
    /** Binds every kernel once its pipeline is compiled ({@link #finishLoading}). */
    private final DeferredBinding binding;

    /**
     * @throws InsufficientGpuMemoryException when the model and its KV cache exceed the device's
     *         memory budget ({@link BufferPool#memoryBudget()})
     */
    public GpuLlama(WebGpu gpu, GgufFile gguf, int contextLength) {
        this.gpu = gpu;
        this.c = LlamaConfig.fromGguf(gguf);
        this.contextLength = Math.min(contextLength, c.contextLength());
        this.memory = ModelMemory.of(gguf, this.contextLength);
        memory.check(gpu.buffers().memoryBudget(), gpu.bindingLimit());
        this.upload = new WeightUpload(gpu);
        LayerPlan plan = LayerPlan.of(c);

        MatVecKernel matVec = new MatVecKernel(gpu);
        // Every kernel this model will run starts compiling now, all in parallel, and is awaited only
        // when bound, after the weights streamed: loading takes about max(compile, stream), not the sum.
        gpu.pipelines().startCompiling(kernelSpecs(gpu, gguf, c, matVec));

        GpuWeights weights = new GpuWeights(gpu, gguf, c, plan, this.contextLength, upload);
        BufferPool buffers = gpu.buffers();
        token = UniformLayout.TOKEN.values().u32("pos", 0).u32("id", 0).write(buffers, "token");
        decode = new DecodePass(gpu, c, plan, this.contextLength, matVec);
        logits = buffers.storage(4L * c.vocabSize(), "logits");
        readback = buffers.readback(4L * c.vocabSize(), "logits readback");
        argmaxParams = ArgmaxKernel.PARAMS.values().u32("n", c.vocabSize()).u32("base", 0).write(buffers, "argmax params");
        picks = buffers.storage(4L * (ArgmaxKernel.TOKEN_WORDS + MAX_GREEDY_STEPS), "greedy picks");
        picksReadback = buffers.readback(4L * MAX_GREEDY_STEPS, "greedy picks readback");
        for (int l = 0; l < c.layers(); l++) {
            String p = "blk." + l + ".";
            keyCaches.add(buffers.storage(4L * this.contextLength * c.kvDim(), p + "key cache"));
            valueCaches.add(buffers.storage(4L * this.contextLength * c.kvDim(), p + "value cache"));
        }
        binding = new DeferredBinding(() -> {
            decode.bind(weights, token, keyCaches, valueCaches, logits);
            argmax = new ArgmaxKernel(gpu).bind(argmaxParams, token, logits, picks);
            prefill = new GpuPrefill(gpu, c, plan, this.contextLength, memory, weights, keyCaches, valueCaches, token, logits);
        });
    }

    /**
     * Waits for the kernels' pipelines, which compiled while the weights streamed, and binds them:
     * a loader calls this after {@link WeightUpload#finish()}, so that a loaded model owes no work to
     * its first token. The first forward pass calls it too, for callers that do not.
     *
     * @throws KernelCompileException when a kernel did not compile on this device
     */
    public void finishLoading() {
        binding.run();
    }

    /**
     * The pipelines the decode path, the prompt path ({@link GpuPrefill}) and the weight stream
     * ({@link WeightUpload}) will ask for with this model's tensor types. A pipeline left out is
     * only compiled later, on its own; one named but unused costs its compile.
     */
    static List<PipelineSpec> kernelSpecs(WebGpu gpu, GgufFile gguf, LlamaConfig c, MatVecKernel matVec) {
        List<PipelineSpec> specs = new ArrayList<>(List.of(RmsNormBatchKernel.spec(gpu),
                RopeBatchKernel.spec(), AttentionKernel.spec(gpu, c), AttentionBatchKernel.spec(gpu, c),
                SwiGluKernel.spec(), ArgmaxKernel.spec(gpu)));
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
                specs.add(MatMulKernel.spec(gpu, layout, (int) t.shape()[0]));
            }
            if (embedding) {
                specs.add(EmbedKernel.spec(EmbedKernel.SOURCE, layout));
                specs.add(EmbedKernel.spec(EmbedBatchKernel.SOURCE, layout));
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
        tokenData.set(POS, position);
        tokenData.set(ID, tokenId);
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
        for (Dispatch d : decode.layers) {
            d.record(pass);
        }
        if (out != null) {
            for (Dispatch d : decode.head) {
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
        argmaxData.set(ARGMAX_N, c.vocabSize());
        argmaxData.set(ARGMAX_BASE, position); // picks[4 + step] is the id picked at position + step
        gpu.queue().writeBuffer(argmaxParams, 0, argmaxData);
        GPUCommandEncoder encoder = gpu.device().createCommandEncoder();
        for (int step = 0; step < count; step++) {
            GPUComputePassEncoder pass = encoder.beginComputePass();
            for (Dispatch d : decode.layers) {
                d.record(pass);
            }
            for (Dispatch d : decode.head) {
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
        return decode.layers.size() + decode.head.size();
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
        List<Dispatch> step = new ArrayList<>(decode.layers);
        step.addAll(decode.head);
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
