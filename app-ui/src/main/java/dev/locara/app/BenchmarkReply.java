package dev.locara.app;

import dev.locara.engine.ModelBenchmark;
import dev.locara.gpu.AdapterInfo;
import dev.locara.gpu.DeviceLimits;
import dev.locara.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value window.locara.benchmark.run resolves to, as JSON (snake_case, like the rest of the
 * API). The derived figures are computed here, once, so the page and API callers show the same
 * numbers: decode bandwidth is the weight bytes one step reads times decode tokens per second, and
 * its share of the device's read limit says how close decode comes to what this GPU can stream.
 * {@code decode} is greedy as the generation loop runs it (steps chained on the GPU, only the
 * picked ids read back); {@code decode_with_logits} reads every token's logits back, as sampling at
 * a temperature above 0 does.
 */
final class BenchmarkReply {
    private BenchmarkReply() {
    }

    static String of(String model, int context, AdapterInfo a, DeviceLimits limits, ModelBenchmark.Timing prompt,
                     ModelBenchmark.Timing decode, ModelBenchmark.Timing withLogits, long weightBytesPerToken,
                     long gpuBytes) {
        double decodeGBs = weightBytesPerToken * decode.tokensPerSecond() / 1e9;
        Map<String, Object> adapter = new LinkedHashMap<>();
        adapter.put("vendor", a.vendor());
        adapter.put("architecture", a.architecture());
        adapter.put("description", a.description());
        adapter.put("fallback", a.fallback());
        Map<String, Object> deviceLimits = new LinkedHashMap<>();
        deviceLimits.put("read_gb_per_second", limits.readGBs());
        deviceLimits.put("read_shape", limits.readShape());
        deviceLimits.put("fma_gflops", limits.fmaGflops());
        deviceLimits.put("dispatch_us", limits.dispatchUs());
        Map<String, Object> decoded = timing(decode);
        decoded.put("weight_bytes_per_token", weightBytesPerToken);
        decoded.put("gb_per_second", decodeGBs);
        decoded.put("percent_of_read_limit", 100 * decodeGBs / limits.readGBs());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("object", "benchmark");
        r.put("model", model);
        r.put("context_length", context);
        r.put("adapter", adapter);
        r.put("limits", deviceLimits);
        r.put("prompt", timing(prompt));
        r.put("decode", decoded);
        r.put("decode_with_logits", timing(withLogits));
        r.put("gpu_memory_bytes", gpuBytes);
        return JsonWriter.COMPACT.write(r);
    }

    private static Map<String, Object> timing(ModelBenchmark.Timing t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokens", t.tokens());
        m.put("ms", t.ms());
        m.put("tokens_per_second", t.tokensPerSecond());
        return m;
    }
}
