package dev.locara.app;

import dev.locara.engine.ModelBenchmark;
import dev.locara.gpu.AdapterInfo;
import dev.locara.gpu.DeviceLimits;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * The value window.locara.benchmark.run resolves to (snake_case, like the rest of the API). The
 * derived figures are computed here, once, so the page and API callers show the same numbers:
 * decode bandwidth is the weight bytes one step reads times decode tokens per second, and its
 * share of the device's read limit says how close decode comes to what this GPU can stream.
 * {@code decode} is greedy as the generation loop runs it (steps chained on the GPU, only the picked
 * ids read back); {@code decode_with_logits} reads every token's logits back, as sampling at a
 * temperature above 0 does.
 */
final class BenchmarkReply {
    private BenchmarkReply() {
    }

    static JSObject of(String model, int context, AdapterInfo a, DeviceLimits limits, ModelBenchmark.Timing prompt,
                       ModelBenchmark.Timing decode, ModelBenchmark.Timing withLogits, long weightBytesPerToken,
                       long gpuBytes) {
        double decodeGBs = weightBytesPerToken * decode.tokensPerSecond() / 1e9;
        return object(model, context,
                adapter(a.vendor(), a.architecture(), a.description(), a.fallback()),
                limits(limits.readGBs(), limits.readShape(), limits.fmaGflops(), limits.dispatchUs()),
                timing(prompt.tokens(), prompt.ms(), prompt.tokensPerSecond()),
                decode(timing(decode.tokens(), decode.ms(), decode.tokensPerSecond()), weightBytesPerToken, decodeGBs,
                        100 * decodeGBs / limits.readGBs()),
                timing(withLogits.tokens(), withLogits.ms(), withLogits.tokensPerSecond()),
                gpuBytes);
    }

    @JSBody(params = {"model", "context", "adapter", "limits", "prompt", "decode", "withLogits", "gpuBytes"},
            script = "return {object: 'benchmark', model: model, context_length: context, adapter: adapter,"
                    + " limits: limits, prompt: prompt, decode: decode, decode_with_logits: withLogits,"
                    + " gpu_memory_bytes: gpuBytes};")
    private static native JSObject object(String model, int context, JSObject adapter, JSObject limits, JSObject prompt,
                                          JSObject decode, JSObject withLogits, double gpuBytes);

    @JSBody(params = {"vendor", "architecture", "description", "fallback"},
            script = "return {vendor: vendor, architecture: architecture, description: description, fallback: fallback};")
    private static native JSObject adapter(String vendor, String architecture, String description, boolean fallback);

    @JSBody(params = {"readGBs", "readShape", "fmaGflops", "dispatchUs"},
            script = "return {read_gb_per_second: readGBs, read_shape: readShape, fma_gflops: fmaGflops,"
                    + " dispatch_us: dispatchUs};")
    private static native JSObject limits(double readGBs, String readShape, double fmaGflops, double dispatchUs);

    @JSBody(params = {"tokens", "ms", "perSecond"},
            script = "return {tokens: tokens, ms: ms, tokens_per_second: perSecond};")
    private static native JSObject timing(int tokens, double ms, double perSecond);

    /** The decode timing with what it reads: bytes per token, the bandwidth that makes, and its share of the limit. */
    @JSBody(params = {"timing", "bytes", "gbs", "percent"},
            script = "timing.weight_bytes_per_token = bytes; timing.gb_per_second = gbs;"
                    + " timing.percent_of_read_limit = percent; return timing;")
    private static native JSObject decode(JSObject timing, double bytes, double gbs, double percent);
}
