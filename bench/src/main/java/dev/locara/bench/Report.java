package dev.locara.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's figures as one Markdown report: adapter limits, the side-by-side table, the targets of issue 5. */
final class Report {
    private Report() {
    }

    static String markdown(Map<String, Object> r, String demo) {
        StringBuilder sb = new StringBuilder();
        double read = num(path(r, "probes", "readGBs"));
        sb.append("Chromium ").append(r.get("chromium")).append(", adapter ").append(path(r, "probes", "adapter"))
                .append(", crossOriginIsolated=").append(r.get("crossOriginIsolated"))
                .append(", hardwareConcurrency=").append(r.get("hardwareConcurrency")).append(", ").append(r.get("date")).append("\n\n");
        if (Boolean.TRUE.equals(r.get("gpuShapes"))) {
            sb.append("Locara's kernels in a real GPU's shapes (--gpu-shapes), whatever the adapter: a rehearsal of the code a GPU runs;"
                    + " on an emulated adapter its speeds mean nothing.\n\n");
        }
        sb.append("| adapter limit (probe kernels) | measured |\n|---|---|\n");
        sb.append("| streaming read | ").append(f(read, 2)).append(" GB/s (").append(path(r, "probes", "readShape")).append(") |\n");
        sb.append("| vec4 fused multiply-add | ").append(f(num(path(r, "probes", "fmaGflops")), 1)).append(" GFLOP/s |\n");
        sb.append("| one dispatch | ").append(f(num(path(r, "probes", "dispatchUs")), 1)).append(" µs |\n");
        if (path(r, "probes", "error") != null) {
            sb.append("| probe error | ").append(path(r, "probes", "error")).append(" |\n");
        }
        if (r.get("kernels") instanceof Map<?, ?> kernels) {
            // --kernels: the matrix kernels alone, against the probes' limits.
            sb.append("\n| matrix kernel alone (--kernels) | matvec.wgsl, one token | vs read limit | matmul.wgsl, 64 tokens | vs FMA limit |\n"
                    + "|---|---|---|---|---|\n");
            double fma = num(path(r, "probes", "fmaGflops"));
            for (Map.Entry<?, ?> e : kernels.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> k && k.get("matvecGBs") != null) {
                    double gbs = num(k.get("matvecGBs"));
                    double gflops = num(k.get("matmulGflops"));
                    sb.append("| ").append(e.getKey()).append(" | ").append(f(gbs, 3)).append(" GB/s | ").append(pct(gbs / read))
                            .append(" | ").append(f(gflops, 2)).append(" GFLOP/s | ").append(pct(gflops / fma)).append(" |\n");
                }
            }
        }
        sb.append("\n| model | figure | Locara (WebGPU) | wllama 3.8.1 CPU | wllama 3.8.1 WebGPU | Locara vs faster wllama (>1: Locara ahead) |\n"
                + "|---|---|---|---|---|---|\n");
        List<String> targets = new ArrayList<>();
        boolean hardware = Bench.isHardware(path(r, "probes", "adapter"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) r.getOrDefault("runs", List.of());
        for (Map<String, Object> run : runs) {
            String file = (String) run.get("file");
            Map<String, Object> l = map(run.get("locara"));
            Map<String, Object> c = map(run.get("wllama-cpu"));
            Map<String, Object> g = map(run.get("wllama-webgpu"));
            String lState = l.get("unsupported") != null ? "unsupported: " + l.get("unsupported")
                    : l.get("error") != null ? "error: " + l.get("error") : null;
            if (lState != null) {
                sb.append("| ").append(file).append(" | Locara | ").append(cell(lState)).append(" | | | |\n");
            }
            for (Map<String, Object> w : List.of(c, g)) {
                if (w.get("error") != null) {
                    sb.append("| ").append(file).append(" | wllama ").append(w == c ? "CPU" : "WebGPU").append(" | | ")
                            .append(w == c ? cell("error: " + w.get("error")) + " | |" : "| " + cell("error: " + w.get("error")))
                            .append(" | |\n");
                }
            }
            String first = firstPromptKey(l, c);
            double rawRate = num(l.get("fileBytes")) / num(l.get("rawMs"));
            row(sb, file, "load (s)", num(l.get("loadMs")) / 1000, num(c.get("loadMs")) / 1000, num(g.get("loadMs")) / 1000, 2, true);
            double loadRate = num(l.get("fileBytes")) / num(l.get("loadMs"));
            double streamRate = num(l.get("streamBytes")) / num(l.get("streamMs"));
            sb.append("| ").append(file).append(" | load rate vs raw transfer (").append(f(rawRate / 1e3, 0))
                    .append(" MB/s); Locara's weight stream alone | ").append(pct(loadRate / rawRate)).append("; ")
                    .append(pct(streamRate / rawRate)).append(" | ")
                    .append(pct(num(l.get("fileBytes")) / num(c.get("loadMs")) / rawRate)).append(" | ")
                    .append(pct(num(l.get("fileBytes")) / num(g.get("loadMs")) / rawRate)).append(" | |\n");
            sb.append("| ").append(file).append(" | Locara's load: buffers made; weight stream (kernels compiling meanwhile);"
                    + " kernels still awaited after it, and bound (s) | ")
                    .append(f(num(l.get("buildMs")) / 1000, 2)).append("; ").append(f(num(l.get("streamMs")) / 1000, 2))
                    .append("; ").append(f(num(l.get("kernelWaitMs")) / 1000, 2)).append(" | | | |\n");
            row(sb, file, "time to first token, " + first + "-token prompt (ms)", num(path(l, "prompts", first, "ms")),
                    num(path(c, "prompts", first, "ms")), num(path(g, "prompts", first, "ms")), 0, true);
            for (String n : promptKeys(l, c)) {
                row(sb, file, "prompt " + n + " tokens (tok/s)" + tokensNote(c, n), rate(l, n, "tokens", "ms"),
                        rate(c, n, "tokens", "ms"), rate(g, n, "tokens", "ms"), 1, false);
            }
            double lDecode = rate(l, first, "decodeTokens", "decodeMs");
            double cDecode = rate(c, first, "decodeTokens", "decodeMs");
            double gDecode = rate(g, first, "decodeTokens", "decodeMs");
            row(sb, file, "decode " + fmtInt(path(l, "prompts", first, "decodeTokens")) + " tokens, greedy (tok/s)", lDecode,
                    cDecode, gDecode, 2, false);
            double lLogits = rate(l, first, "decodeLogitsTokens", "decodeLogitsMs");
            if (!Double.isNaN(lLogits)) { // runs from before 2026-11-29 have no such figure
                sb.append("| ").append(file).append(" | Locara's decode with every token's logits read back, as sampling"
                        + " at a temperature does; greedy above chains its steps on the GPU (tok/s) | ")
                        .append(f(lLogits, 2)).append(" | | | |\n");
            }
            if (l.get("dispatchesPerToken") != null) { // runs from before 2026-11-29 have no such figure
                sb.append("| ").append(file).append(" | Locara's kernel dispatches per decode step | ")
                        .append(fmtInt(l.get("dispatchesPerToken"))).append(" | | | |\n");
            }
            sb.append("| ").append(file).append(" | GPU memory (MiB, buffers allocated) | ")
                    .append(f(num(l.get("gpuBytes")) / (1 << 20), 1)).append(" | threads ").append(c.get("threads"))
                    .append(" | WebGPU offered: ").append(g.get("webgpu")).append(" | |\n");
            double weights = num(l.get("weightBytesPerToken"));
            double lBw = weights * lDecode / 1e9;
            sb.append("| ").append(file).append(" | decode bandwidth (").append(f(weights / (1 << 20), 1))
                    .append(" MiB weights/token) | ").append(f(lBw, 3)).append(" GB/s = ").append(pct(lBw / read))
                    .append(" of read limit | ").append(f(weights * cDecode / 1e9, 3)).append(" GB/s | ")
                    .append(f(weights * gDecode / 1e9, 3)).append(" GB/s | |\n");
            if (file.equals(demo) && !c.isEmpty()) {
                sb.append("| ").append(file).append(" | same greedy ").append(Bench.GREEDY_TOKENS).append(" tokens from \"")
                        .append(Bench.GREEDY_PROMPT).append("\" | | ").append(sameGreedy(l, c)).append(" | ")
                        .append(sameGreedy(l, g)).append(" | |\n");
            }
            if (lState == null && hardware && !file.equals(demo) && !file.contains("155m")) {
                // Point 3, on a GPU: 0.5B to 3B Q4 models at 70% of the read limit and ahead of
                // llama.cpp's WebGPU backend on the same GPU and file.
                targets.add("GPU: decode bandwidth " + file + " ≥ 70% of read limit: " + pct(lBw / read) + verdict(lBw / read >= 0.7));
                targets.add("GPU: decode " + file + " ahead of wllama WebGPU: " + (Double.isNaN(gDecode) ? "not measured (no wllama WebGPU run)"
                        : f(lDecode / gDecode, 2) + "×" + verdict(lDecode > gDecode)));
            }
            if (lState == null) {
                if (file.contains("155m")) {
                    targets.add("decode bandwidth " + file + " ≥ 50% of read limit: " + pct(lBw / read) + verdict(lBw / read >= 0.5));
                }
                if (file.equals(demo)) {
                    double best = best(cDecode, gDecode, false);
                    targets.add("demo decode ≥ ½ wllama's best: " + (Double.isNaN(best) ? "not measured (no wllama run)"
                            : f(lDecode / best, 2) + "×" + verdict(lDecode / best >= 0.5)));
                }
                double pp512 = rate(l, "512", "tokens", "ms");
                if (!Double.isNaN(pp512)) {
                    targets.add("prompt 512 ≥ 8 × decode, " + file + ": " + f(pp512 / lDecode, 2) + "×" + verdict(pp512 / lDecode >= 8));
                }
                targets.add("load ≥ 80% of raw transfer, " + file + ": " + pct(loadRate / rawRate) + verdict(loadRate / rawRate >= 0.8)
                        + " (weight stream alone " + pct(streamRate / rawRate) + ")");
            }
        }
        profiles(sb, runs);
        embeddings(sb, r, hardware, targets);
        sb.append("\nTargets of issue 5 on this adapter (point 2").append(hardware ? "; GPU: point 3" : "").append("):\n\n");
        for (String t : targets) {
            sb.append("- ").append(t).append("\n");
        }
        return sb.toString();
    }

    private static String sameGreedy(Map<String, Object> l, Map<String, Object> w) {
        if (w.isEmpty()) {
            return "not run";
        }
        Object lt = l.get("greedyTokens");
        Object wt = w.get("greedyTokens");
        if (lt != null && wt != null) {
            return lt.toString().equals(wt.toString()) ? "yes, token ids equal" : "NO: Locara " + lt + " wllama " + wt;
        }
        Object ltext = l.get("greedyText");
        Object wtext = w.get("greedyText");
        if (ltext == null || wtext == null) {
            return "not compared (a side has no output)";
        }
        return ltext.equals(wtext) ? "yes, text equal (wllama returned no ids)"
                : "NO: Locara \"" + cell(ltext.toString()) + "\" wllama \"" + cell(wtext.toString()) + "\"";
    }

    private static String tokensNote(Map<String, Object> w, String n) {
        Object got = path(w, "prompts", n, "tokens");
        return got != null && !String.valueOf((int) num(got)).equals(n) ? " [wllama's tokenizer: " + (int) num(got) + " tokens]" : "";
    }

    private static String firstPromptKey(Map<String, Object> l, Map<String, Object> w) {
        List<String> keys = promptKeys(l, w);
        return keys.isEmpty() ? "64" : keys.get(0);
    }

    private static List<String> promptKeys(Map<String, Object> l, Map<String, Object> w) {
        Object p = l.get("prompts");
        if (!(p instanceof Map)) {
            p = w.get("prompts");
        }
        List<String> keys = new ArrayList<>();
        if (p instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                keys.add(String.valueOf(k));
            }
        }
        keys.sort((x, y) -> Integer.compare(Integer.parseInt(x), Integer.parseInt(y)));
        return keys;
    }

    /**
     * --profile: per model, the longest prompt's first and last chunks kernel by kernel (milliseconds
     * of each kernel's dispatches inside the chunk; the chunk whole, best of three), and the decode
     * step after it.
     */
    private static void profiles(StringBuilder sb, List<Map<String, Object>> runs) {
        for (Map<String, Object> run : runs) {
            Object profile = path(run, "locara", "profile");
            if (!(path(profile, "chunks") instanceof Map<?, ?> chunks) || chunks.isEmpty()) {
                continue;
            }
            List<Map<String, Object>> columns = new ArrayList<>();
            for (Object chunk : chunks.values()) {
                columns.add(map(chunk));
            }
            sb.append("\n| ").append(run.get("file")).append(", ").append(fmtInt(path(profile, "promptTokens")))
                    .append("-token prompt (--profile): kernel (dispatches per chunk), ms in the chunk"
                            + " (differences of timings: a kernel near 0 can read below it) |");
            for (Map<String, Object> c : columns) {
                int start = (int) num(c.get("start"));
                sb.append(" positions ").append(start).append("-").append(start + (int) num(c.get("count")) - 1).append(" |");
            }
            sb.append("\n|---|").append("---|".repeat(columns.size())).append("\n");
            Map<String, Object> kernels = map(columns.get(0).get("kernels"));
            for (String kernel : kernels.keySet()) {
                sb.append("| ").append(kernel).append(" (").append(fmtInt(path(kernels, kernel, "dispatches"))).append(") |");
                for (Map<String, Object> c : columns) {
                    sb.append(" ").append(f(num(path(c, "kernels", kernel, "ms")), 1)).append(" |");
                }
                sb.append("\n");
            }
            sb.append("| the whole chunk, one pass |");
            for (Map<String, Object> c : columns) {
                sb.append(" ").append(f(num(c.get("ms")), 1)).append(" |");
            }
            sb.append("\n");
            Map<String, Object> step = map(path(profile, "step"));
            if (!step.isEmpty()) {
                sb.append("\n| ").append(run.get("file")).append(", decode step at position ").append(fmtInt(step.get("position")))
                        .append(" with its logits (--profile): kernel (dispatches per step) | ms in the step"
                                + " (differences of timings, as above) |\n|---|---|\n");
                Map<String, Object> stepKernels = map(step.get("kernels"));
                for (String kernel : stepKernels.keySet()) {
                    sb.append("| ").append(kernel).append(" (").append(fmtInt(path(stepKernels, kernel, "dispatches"))).append(") | ")
                            .append(f(num(path(stepKernels, kernel, "ms")), 2)).append(" |\n");
                }
                sb.append("| the whole step, one pass | ").append(f(num(step.get("ms")), 2)).append(" |\n");
            }
        }
    }

    /** One figure for the three runs; the ratio compares Locara with the better wllama run (times: wllama / Locara). */
    private static void row(StringBuilder sb, String file, String figure, double locara, double cpu, double gpu, int digits,
                            boolean lowerBetter) {
        double best = best(cpu, gpu, lowerBetter);
        double ratio = lowerBetter ? best / locara : locara / best;
        sb.append("| ").append(file).append(" | ").append(figure).append(" | ").append(f(locara, digits)).append(" | ")
                .append(f(cpu, digits)).append(" | ").append(f(gpu, digits)).append(" | ")
                .append(Double.isNaN(ratio) || Double.isInfinite(ratio) ? "" : f(ratio, 2) + "×").append(" |\n");
    }

    /** The better of two figures, ignoring a missing one. */
    private static double best(double a, double b, boolean lowerBetter) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return lowerBetter ? Math.min(a, b) : Math.max(a, b);
    }

    @SuppressWarnings("unchecked")
    /**
     * --embed-files: embeddings per second for one request of --embed-chunks chunks of
     * Bench.EMBED_TOKENS tokens, and issue 21's targets (emulated adapter: ½ wllama's best; GPU: ahead).
     */
    private static void embeddings(StringBuilder sb, Map<String, Object> r, boolean hardware, List<String> targets) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> runs = (List<Map<String, Object>>) r.getOrDefault("embeddings", List.of());
        if (runs.isEmpty()) {
            return;
        }
        Object chunks = Report.path(r, "embedSettings", "chunks");
        sb.append("\n| embedding model | ").append(chunks != null ? fmtInt(chunks) : String.valueOf(Bench.EMBED_CHUNKS))
                .append(" chunks of ").append(Bench.EMBED_TOKENS)
                .append(" tokens (embeddings/s) | Locara (WebGPU) | wllama 3.8.1 CPU | wllama 3.8.1 WebGPU |"
                        + " Locara vs faster wllama |\n|---|---|---|---|---|---|\n");
        for (Map<String, Object> run : runs) {
            Map<String, Object> l = map(run.get("locara"));
            Map<String, Object> c = map(run.get("wllama-cpu"));
            Map<String, Object> g = map(run.get("wllama-webgpu"));
            double lr = num(l.get("embeddingsPerSecond"));
            double cr = num(c.get("embeddingsPerSecond"));
            double gr = num(g.get("embeddingsPerSecond"));
            double best = best(cr, gr, false);
            sb.append("| ").append(run.get("file")).append(" | best of ").append(fmtInt(l.get("runs"))).append(" timed runs | ")
                    .append(l.get("error") != null ? cell("error: " + l.get("error")) : f(lr, 2)).append(" | ")
                    .append(c.get("error") != null ? cell("error: " + c.get("error")) : f(cr, 2)).append(" | ")
                    .append(g.get("error") != null ? cell("error: " + g.get("error")) : f(gr, 2)).append(" | ")
                    .append(f(lr / best, 2)).append("× |\n");
            if (!Double.isNaN(lr) && !Double.isNaN(best)) {
                targets.add((hardware ? "GPU: embeddings " + run.get("file") + " ahead of wllama: " + f(lr / best, 2) + "×"
                        + verdict(lr > best) : "embeddings " + run.get("file") + " ≥ ½ wllama's best: " + f(lr / best, 2) + "×"
                        + verdict(lr / best >= 0.5)) + " (issue 21)");
            }
        }
    }

    private static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    static Object path(Object root, String... keys) {
        Object o = root;
        for (String k : keys) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(k);
        }
        return o;
    }

    /** The prompt map without the prompt texts, for the log. */
    static Object withoutText(Object prompts) {
        if (!(prompts instanceof Map<?, ?> m)) {
            return prompts;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> inner) {
                Map<Object, Object> copy = new LinkedHashMap<>(inner);
                copy.remove("text");
                out.put(e.getKey(), copy);
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** A stand-in prompt for wllama when Locara cut none: roughly {@code tokens} words of text. */
    static String story(int tokens) {
        StringBuilder sb = new StringBuilder();
        String[] words = "once upon a time there was a little girl named lily who loved to play in the park".split(" ");
        for (int i = 0; i < tokens - 1; i++) {
            sb.append(i == 0 ? "" : " ").append(words[i % words.length]);
        }
        return sb.toString();
    }

    private static double rate(Map<String, Object> run, String prompt, String tokens, String ms) {
        return num(path(run, "prompts", prompt, tokens)) / num(path(run, "prompts", prompt, ms)) * 1000;
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String fmtInt(Object o) {
        double d = num(o);
        return Double.isNaN(d) ? "?" : String.valueOf((long) d);
    }

    private static String f(double d, int digits) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "—" : String.format(Locale.ROOT, "%." + digits + "f", d);
    }

    private static String pct(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? "—" : String.format(Locale.ROOT, "%.0f%%", d * 100);
    }

    private static String verdict(boolean met) {
        return met ? " — met" : " — not met";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
