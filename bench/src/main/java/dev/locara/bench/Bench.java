package dev.locara.bench;

import dev.locara.gpu.AdapterInfo;
import dev.locara.json.Json;
import dev.locara.json.JsonWriter;
import dev.locara.server.ServerOptions;
import dev.locara.server.StaticServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's driver (scripts/bench.sh runs it): serves the bench page and the model folder,
 * opens one headless Chromium with WebGPU (over DevTools, {@link HeadlessChromium}), measures the adapter with the probe kernels, then runs
 * each model in Locara (the engine's classes in a worker) and in wllama in the same browser, and
 * writes the figures as JSON and a Markdown table.
 */
public final class Bench {
    private static final Path SYSTEM_CHROMIUM = Path.of("/usr/bin/chromium");
    static final String GREEDY_PROMPT = "Once upon a time";
    static final int GREEDY_TOKENS = 64;
    /** The embedding benchmark's chunks (--embed-chunks), of this many tokens each, special tokens included. */
    static final int EMBED_CHUNKS = 64;
    static final int EMBED_TOKENS = 128;
    /** wllama's runs per model: key in the JSON, and n_gpu_layers (-1: wllama's default offload). */
    static final Map<String, Integer> WLLAMA_MODES = new LinkedHashMap<>(Map.of("wllama-cpu", 0));

    static {
        WLLAMA_MODES.put("wllama-webgpu", -1);
    }

    private Bench() {
    }

    public static void main(String[] argv) throws IOException {
        if (argv.length == 2 && argv[0].equals("--report")) {
            // Renders the table again from a run's raw figures (a GPU machine's, say).
            @SuppressWarnings("unchecked")
            Map<String, Object> saved = (Map<String, Object>) Json.parse(Files.readString(Path.of(argv[1])), null);
            System.out.println(Report.markdown(saved, "stories260K.gguf"));
            return;
        }
        Map<String, String> a = options(argv);
        Path app = Path.of(a.get("app"));
        Path models = Path.of(a.get("models"));
        Path out = Path.of(a.get("out"));
        List<String> files = List.of(a.get("files").split(","));
        List<Integer> prompts = Arrays.stream(a.get("prompts").split(",")).map(String::trim).map(Integer::valueOf).toList();
        int decode = Integer.parseInt(a.get("decode"));
        int context = Integer.parseInt(a.get("context"));
        boolean wllama = !a.containsKey("no-wllama");
        // --gpu-shapes: Locara's kernels take a real GPU's shapes whatever the adapter (WebGpu.useGpuShapes),
        // so that a run on SwiftShader rehearses the code a GPU will run; its speeds then mean nothing.
        String gpuShapes = a.containsKey("gpu-shapes") ? "yes" : "no";
        String demo = a.getOrDefault("demo", "stories260K.gguf");

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("date", Instant.now().toString());
        report.put("settings", Map.of("prompts", prompts, "decode", decode, "context", context, "files", files));
        if (a.containsKey("gpu-shapes")) {
            report.put("gpuShapes", true);
        }
        List<String> args = new ArrayList<>(List.of("--enable-unsafe-webgpu"));
        if (a.containsKey("chromium-args")) {
            args.addAll(List.of(a.get("chromium-args").trim().split("\\s+")));
        }
        Path executable = Path.of(a.getOrDefault("chromium", SYSTEM_CHROMIUM.toString()));
        try (StaticServer server = StaticServer.start(new ServerOptions("127.0.0.1", 0, app, models));
             HeadlessChromium page = HeadlessChromium.launch(executable, args)) {
            report.put("chromium", page.version());
            report.put("chromiumArgs", args);
            page.onConsole(line -> System.err.println("  browser " + line));
            // wllama starts its workers from blob: URLs, which the server's Content-Security-Policy
            // (worker-src 'self') forbids; the bench page alone lifts it, the app keeps it.
            page.bypassCsp();
            page.navigate(server.url());
            page.waitFor("window.benchReady === true", 120);
            report.put("crossOriginIsolated", page.evaluate("self.crossOriginIsolated"));
            report.put("hardwareConcurrency", page.evaluate("navigator.hardwareConcurrency"));

            log("adapter probes");
            Object probes = page.call("q => runLocara(q)", Map.of("mode", "probes"));
            report.put("probes", probes);
            log("  " + probes);
            Object adapter = Report.path(probes, "adapter");
            if (a.containsKey("require-adapter") && adapter == null) {
                throw new IllegalStateException("--require-adapter: WebGPU offered no adapter (" + probes + ")");
            }
            if (a.containsKey("require-gpu") && !isHardware(adapter)) {
                // A GPU run that silently fell back to the CPU emulation would report the wrong machine.
                // chrome://gpu says why Chromium kept the GPU away (blocklist, driver, Vulkan).
                try {
                    page.navigate("chrome://gpu");
                    page.waitFor("!!document.querySelector('info-view')?.shadowRoot?.textContent", 20);
                    String why = String.valueOf(page.evaluate("document.querySelector('info-view').shadowRoot.textContent"))
                            .replaceAll("\\s*\\n\\s*", "\n");
                    System.err.println(why.substring(0, Math.min(why.length(), 8000)));
                } catch (IOException e) {
                    log("chrome://gpu could not be read: " + e.getMessage());
                }
                throw new IllegalStateException("--require-gpu: Chromium offered no GPU adapter (" + probes + ")");
            }

            if (a.containsKey("kernels")) {
                log("matrix kernels alone");
                Object kernels = page.call("q => runLocara(q)", Map.of("mode", "kernels",
                        "types", a.getOrDefault("kernel-types", ""), "matmul", a.getOrDefault("kernel-matmul", "yes"),
                        "variants", a.getOrDefault("kernel-variants", ""), "gpuShapes", gpuShapes));
                report.put("kernels", kernels);
                log("  " + kernels);
            }

            List<Object> runs = new ArrayList<>();
            for (String file : files) {
                if (file.isBlank() || file.equals("none")) {
                    continue;
                }
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("file", file);
                boolean isDemo = file.equals(demo);
                log(file + ": Locara");
                Map<String, Object> query = new LinkedHashMap<>();
                query.put("mode", "model");
                query.put("file", file);
                query.put("context", String.valueOf(context));
                query.put("prompts", a.get("prompts"));
                query.put("decode", String.valueOf(decode));
                query.put("greedyPrompt", GREEDY_PROMPT);
                query.put("greedyTokens", String.valueOf(isDemo ? GREEDY_TOKENS : 0));
                query.put("profile", a.containsKey("profile") ? "yes" : "no");
                query.put("gpuShapes", gpuShapes);
                @SuppressWarnings("unchecked")
                Map<String, Object> locara = (Map<String, Object>) page.call("q => runLocara(q)", query);
                run.put("locara", locara);
                log("  " + summary(locara));
                if (wllama) {
                    List<Map<String, Object>> texts = new ArrayList<>();
                    for (int n : prompts) {
                        Object text = Report.path(locara, "prompts", String.valueOf(n), "text");
                        if (text == null) {
                            // Locara skipped or could not load the model: cut no prompt for wllama from it.
                            text = Report.story(n);
                        }
                        texts.add(Map.of("tokens", n, "text", text));
                    }
                    // Its best settings are not known in advance: the CPU build with every thread, and
                    // its default WebGPU offload, both run; the table compares Locara with the faster.
                    for (Map.Entry<String, Integer> mode : WLLAMA_MODES.entrySet()) {
                        log(file + ": " + mode.getKey());
                        Map<String, Object> wq = new LinkedHashMap<>();
                        wq.put("file", file);
                        wq.put("context", context);
                        wq.put("prompts", texts);
                        wq.put("decode", decode);
                        wq.put("greedyPrompt", GREEDY_PROMPT);
                        wq.put("greedyTokens", isDemo ? GREEDY_TOKENS : 0);
                        wq.put("gpuLayers", mode.getValue());
                        Object w = page.call("q => runWllama(q)", wq);
                        run.put(mode.getKey(), w);
                        log("  " + w);
                    }
                }
                runs.add(run);
                report.put("runs", runs);
                // After every model, so a run stopped part-way still leaves what it measured.
                save(report, out, demo);
            }
            embeddings(page, a, wllama, report, out, demo);
        }
        Path md = save(report, out, demo);
        String table = Files.readString(md);
        System.out.println();
        System.out.println(table);
        log("raw figures: " + out + ", table: " + md);
    }

    /**
     * --embed-files: each embedding model embeds --embed-chunks chunks of {@link #EMBED_TOKENS}
     * tokens in Locara (which cuts the texts) and in wllama's modes, the same texts; a wllama run
     * past --wllama-embed-deadline seconds is recorded as an error and the benchmark goes on.
     */
    private static void embeddings(HeadlessChromium page, Map<String, String> a, boolean wllama, Map<String, Object> report,
                                   Path out, String demo) throws IOException {
        List<Object> runs = new ArrayList<>();
        int chunks = Integer.parseInt(a.get("embed-chunks"));
        report.put("embedSettings", Map.of("chunks", chunks, "tokens", EMBED_TOKENS, "runs", Integer.parseInt(a.get("embed-runs"))));
        for (String file : a.getOrDefault("embed-files", "").split(",")) {
            if (file.isBlank()) {
                continue;
            }
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("file", file);
            log(file + ": Locara embeddings");
            @SuppressWarnings("unchecked")
            Map<String, Object> locara = new LinkedHashMap<>((Map<String, Object>) page.call("q => runLocara(q)", Map.of("mode", "embed",
                    "file", file, "chunks", String.valueOf(chunks), "tokens", String.valueOf(EMBED_TOKENS),
                    "runs", a.get("embed-runs"), "gpuShapes", a.containsKey("gpu-shapes") ? "yes" : "no",
                    "profile", a.containsKey("profile") ? "yes" : "no")));
            Object texts = locara.remove("texts");
            run.put("locara", locara);
            log("  " + locara);
            if (wllama && texts != null) {
                for (Map.Entry<String, Integer> mode : WLLAMA_MODES.entrySet()) {
                    log(file + ": " + mode.getKey() + " embeddings");
                    Object w = page.call("q => runWllamaEmbed(q)", Map.of("file", file, "texts", texts, "gpuLayers", mode.getValue(),
                            "runs", Integer.parseInt(a.get("embed-runs")), "deadline", Integer.parseInt(a.get("wllama-embed-deadline"))));
                    run.put(mode.getKey(), w);
                    log("  " + w);
                }
            }
            runs.add(run);
            report.put("embeddings", runs);
            save(report, out, demo);
        }
    }

    /** True when WebGPU's adapter, as the bench page reported it, is a GPU, not a CPU emulation ({@link AdapterInfo#emulated}). */
    static boolean isHardware(Object adapter) {
        return adapter instanceof Map<?, ?> info && !new AdapterInfo(String.valueOf(info.get("vendor")),
                String.valueOf(info.get("architecture")), String.valueOf(info.get("description")),
                Boolean.TRUE.equals(info.get("fallback"))).emulated();
    }

    /** Writes the raw figures as JSON and the table beside them; returns the table's path. */
    private static Path save(Map<String, Object> report, Path out, String demo) throws IOException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, JsonWriter.PRETTY.write(report));
        Path md = Path.of(out.toString().replaceFirst("\\.json$", "") + ".md");
        Files.writeString(md, Report.markdown(report, demo));
        return md;
    }

    private static String summary(Map<String, Object> run) {
        Map<String, Object> copy = new LinkedHashMap<>(run);
        copy.remove("prompts");
        copy.remove("greedyTokens");
        return copy + " prompts=" + Report.withoutText(run.get("prompts"));
    }

    private static Map<String, String> options(String[] argv) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("prompts", "64,512");
        a.put("decode", "128");
        a.put("context", "1024");
        a.put("embed-runs", "2");
        a.put("embed-chunks", String.valueOf(EMBED_CHUNKS));
        a.put("wllama-embed-deadline", "1800");
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argv[i]);
            }
            String key = argv[i].substring(2);
            if (key.equals("no-wllama") || key.equals("require-gpu") || key.equals("require-adapter") || key.equals("kernels")
                    || key.equals("profile") || key.equals("gpu-shapes")) {
                a.put(key, "");
            } else if (i + 1 < argv.length) {
                a.put(key, argv[++i]);
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
        }
        for (String required : List.of("app", "models", "out", "files")) {
            if (!a.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return a;
    }

    private static void log(String line) {
        System.err.println("[bench] " + line);
    }
}
