package dev.locara.app;

import dev.locara.gpu.AdapterInfo;
import dev.locara.gpu.WebGpu;
import dev.locara.protocol.ErrorCode;
import dev.locara.privacy.NetworkLog;
import dev.locara.protocol.Failure;
import dev.locara.protocol.Reply;
import dev.locara.protocol.Request;

/**
 * The engine, running in a dedicated Web Worker (no DOM here). It opens the WebGPU device, says
 * "ready", then serves one request at a time, handing each to the job that does it: the model host
 * and generation, embeddings, browser storage, the benchmark. Whatever a job throws is answered here, through
 * the one mapping from exceptions to error codes ({@link Failure#of}), so every request settles.
 */
public final class EngineWorker implements Request.Handler {
    private static final String KERNELS = "kernels/";

    private final Inbox inbox;
    private final ModelHost host;
    private final GenerateJob generate;
    private final StorageJob storage;
    private final BenchmarkJob benchmark;
    private final EmbedJob embed;

    private EngineWorker(WebGpu gpu, Inbox inbox) {
        this.inbox = inbox;
        this.host = new ModelHost(gpu, KERNELS);
        this.generate = new GenerateJob(host, inbox::isStopped);
        this.storage = new StorageJob(host, inbox::isStopped);
        this.benchmark = new BenchmarkJob(host);
        this.embed = new EmbedJob(host, inbox::isStopped);
    }

    public static void main(String[] args) {
        if (StoreCheckWorker.NAME.equals(workerName())) {
            StoreCheckWorker.serve();
            return;
        }
        NetworkLog.reportFromWorker("engine worker");
        Inbox inbox = new Inbox();
        WebGpu gpu;
        try {
            gpu = WebGpu.open(KERNELS);
        } catch (RuntimeException e) {
            Failure f = Failure.of(e);
            Outbox.post(new Reply.Fatal(f.code() == ErrorCode.WEBGPU_UNAVAILABLE ? f
                    : new Failure(ErrorCode.GPU_ERROR, "The GPU could not be set up: " + e.getMessage())));
            return;
        }
        AdapterInfo a = gpu.info();
        Outbox.post(new Reply.Ready(a.vendor(), a.architecture(), a.description(), a.fallback()));
        new EngineWorker(gpu, inbox).serve();
    }

    private void serve() {
        while (true) {
            Request r = inbox.next();
            try {
                Request.dispatch(r, this);
            } catch (RuntimeException e) {
                // A lost device makes whatever ran fail in its own way (a rejected readback, a GPU
                // error): the loss, not that symptom, is what the caller can act on.
                Failure lost = host.lostDevice();
                Outbox.post(new Reply.Failed(r.id(), lost != null ? lost : Failure.of(e)));
            } finally {
                inbox.forget(r.id());
            }
        }
    }

    /** The name the page gave this worker: the same script also runs the store check beside the engine. */
    @org.teavm.jso.JSBody(script = "return typeof self.name === 'string' ? self.name : '';")
    private static native String workerName();

    @Override
    public void generate(Request.Generate r) {
        generate.completion(r);
    }

    @Override
    public void chat(Request.Chat r) {
        generate.chat(r);
    }

    /** Never queued: the inbox marks a stop as it arrives, and the running request sees it. */
    @Override
    public void stop(Request.Stop r) {
    }

    @Override
    public void download(Request.Download r) {
        storage.download(r);
    }

    @Override
    public void importFile(Request.Import r) {
        storage.importFile(r);
    }

    @Override
    public void add(Request.Add r) {
        storage.add(r);
    }

    @Override
    public void listStored(Request.ListStored r) {
        storage.listStored(r);
    }

    @Override
    public void delete(Request.Delete r) {
        storage.delete(r);
    }

    @Override
    public void verify(Request.Verify r) {
        storage.verify(r);
    }

    @Override
    public void load(Request.Load r) {
        generate.load(r);
    }

    @Override
    public void forget(Request.Forget r) {
        storage.forget(r);
    }

    @Override
    public void benchmark(Request.Benchmark r) {
        benchmark.run(r);
    }

    @Override
    public void embed(Request.Embed r) {
        embed.run(r);
    }
}
