package dev.locara.app;

import dev.locara.engine.ModelBenchmark;
import dev.locara.gpu.AdapterInfo;
import dev.locara.gpu.DeviceLimits;
import dev.locara.gpu.DeviceProbes;
import dev.locara.gpu.WebGpu;
import dev.locara.model.LanguageModel;
import dev.locara.protocol.ErrorCode;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;
import dev.locara.protocol.RequestException;

/**
 * Measures this device with a model: the adapter's limits ({@link DeviceProbes}), then the
 * model's prompt and decode speed ({@link ModelBenchmark}), with a "stage" message per step.
 * A benchmark asked for while a generation runs is not refused: it queues behind it, like every
 * request (the engine serves one at a time), so neither run's timing includes the other's work.
 */
final class BenchmarkJob {
    private static final int STEPS = 4;

    private final ModelHost host;

    BenchmarkJob(ModelHost host) {
        this.host = host;
    }

    void run(Request.Benchmark r) {
        int id = r.id();
        String name = r.params().model();
        ModelHost.Loaded model = host.current();
        if (name == null && model == null) {
            throw new RequestException(ErrorCode.MODEL_NOT_LOADED, "No model is loaded to measure with: name one,"
                    + " e.g. locara.benchmark.run({model: 'stories260k'}).");
        }
        if (name != null && (model == null || !model.name().equals(name))) {
            Outbox.post(new Reply.Stage(id, "load", 1, STEPS, "Loading " + name + "…"));
            model = host.load(name, r.url(), 0, LoadReport.silent(name));
        } // else measured as loaded, whatever context it was loaded with
        WebGpu gpu = host.gpu();
        LanguageModel lm = model.generator().model();
        ModelBenchmark.Lengths lengths = ModelBenchmark.Lengths.fit(lm.contextLength(), r.params().promptTokens(),
                r.params().decodeTokens());
        DeviceLimits limits = DeviceProbes.measure(gpu, probe -> Outbox.post(new Reply.Stage(id, "limits", 2, STEPS,
                "Measuring this device's limits (" + probe + " probe)…")));
        // The probes' buffers are released by now: this is the model's own memory.
        long gpuBytes = gpu.buffers().allocatedBytes();
        ModelBenchmark bench = new ModelBenchmark(lm, GenerateJob::now);
        Outbox.post(new Reply.Stage(id, "prompt", 3, STEPS, "Processing a " + lengths.promptTokens() + "-token prompt…"));
        ModelBenchmark.Timing prompt = bench.prompt(ModelBenchmark.promptTokens(model.generator().tokenizer(),
                lengths.promptTokens()));
        Outbox.post(new Reply.Stage(id, "decode", 4, STEPS, "Generating " + lengths.decodeTokens()
                + " tokens, greedy, then again with every token's logits read back…"));
        ModelBenchmark.Timing decode = bench.decode(lengths.decodeTokens());
        ModelBenchmark.Timing withLogits = bench.decodeWithLogits(lengths.decodeTokens());
        gpu.throwIfFailed();
        AdapterInfo a = gpu.info();
        Outbox.post(new Reply.Result(id, BenchmarkReply.of(model.name(), lm.contextLength(), a, limits, prompt, decode,
                withLogits, model.weightBytesPerToken(), gpuBytes)));
    }
}
