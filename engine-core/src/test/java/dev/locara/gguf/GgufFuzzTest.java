package dev.locara.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locara.DemoModel;
import dev.locara.model.LlamaCpu;
import dev.locara.quant.QuantPreset;
import dev.locara.synth.ModelShape;
import dev.locara.synth.SyntheticModel;
import dev.locara.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Corrupts real GGUF files (byte flips in header and data, extreme header fields, truncations) and
 * requires every case to end in a typed {@link GgufException} or a successful parse and load: never
 * a hang, an OutOfMemoryError or another exception type.
 */
class GgufFuzzTest {
    private static final int CASES = 1200;
    private static final long SEED = 20240601L;
    private static final long CASE_TIMEOUT_MS = 5000;

    private record Input(String name, byte[] bytes, long dataOffset) {
    }

    @Test
    void corruptFilesFailTypedOrLoad() throws Exception {
        List<Input> inputs = inputs();
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gguf-fuzz");
            t.setDaemon(true); // a hung case must not keep the test JVM alive
            return t;
        });
        try {
            for (int i = 0; i < CASES; i++) {
                Input input = inputs.get(i % inputs.size());
                byte[] bytes = input.bytes.clone();
                String mutation = mutate(bytes, input, random);
                byte[] data = mutation.startsWith("truncate") ? java.util.Arrays.copyOf(bytes, Integer.parseInt(mutation.substring(9))) : bytes;
                String what = "case " + i + " (" + input.name + ", " + mutation + ")";
                Future<String> result = executor.submit(() -> parseAndLoad(data));
                try {
                    outcomes.merge(result.get(CASE_TIMEOUT_MS, TimeUnit.MILLISECONDS), 1, Integer::sum);
                } catch (TimeoutException e) {
                    result.cancel(true);
                    failures.add(what + ": no result within " + CASE_TIMEOUT_MS + " ms");
                    executor.shutdownNow();
                    executor = Executors.newSingleThreadExecutor();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof GgufException g) {
                        outcomes.merge(g.kind().toString(), 1, Integer::sum);
                    } else {
                        failures.add(what + ": " + cause);
                        if (failures.size() == 1) {
                            cause.printStackTrace();
                        }
                    }
                }
            }
        } finally {
            executor.shutdownNow();
        }
        System.out.println("GGUF fuzz outcomes over " + CASES + " cases: " + outcomes);
        assertEquals(List.of(), failures);
        assertTrue(outcomes.getOrDefault("loaded", 0) > 0, "some mutations (in weights) should still load");
    }

    /** Mutates {@code bytes} in place, or names a truncation "truncate:N"; returns what it did. */
    private static String mutate(byte[] bytes, Input input, Random random) {
        int header = (int) Math.min(input.dataOffset, bytes.length);
        switch (random.nextInt(5)) {
            case 0: { // a few flips in the header
                int n = 1 + random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    bytes[random.nextInt(header)] ^= (byte) (1 << random.nextInt(8));
                }
                return n + " bit flips in header";
            }
            case 1: { // a random byte in the first 64 bytes: counts, lengths, the first key
                int at = random.nextInt(Math.min(64, header));
                bytes[at] = (byte) random.nextInt(256);
                return "byte " + at + " set";
            }
            case 2: { // an 8-byte field made huge or negative anywhere in the header
                int at = random.nextInt(Math.max(1, header - 8));
                long v = random.nextBoolean() ? -1L : 1L << (20 + random.nextInt(43));
                for (int k = 0; k < 8; k++) {
                    bytes[at + k] = (byte) (v >>> (8 * k));
                }
                return "i64 at " + at + " = " + v;
            }
            case 3: { // flips in the data section (the header, for files without tensors)
                int from = bytes.length > header ? header : 0;
                int n = 1 + random.nextInt(16);
                for (int k = 0; k < n; k++) {
                    bytes[from + random.nextInt(bytes.length - from)] ^= (byte) (1 + random.nextInt(255));
                }
                return n + " byte flips in data";
            }
            default: { // truncation, mostly inside the header
                int length = random.nextBoolean() ? random.nextInt(header + 1) : random.nextInt(bytes.length);
                return "truncate:" + length;
            }
        }
    }

    /** What the engine does with a file it is given: header, tokenizer, and the model when it has one. */
    private static String parseAndLoad(byte[] bytes) {
        ByteArraySource source = new ByteArraySource(bytes);
        GgufFile gguf = GgufReader.read(source);
        if (gguf.has("tokenizer.ggml.tokens")) {
            Tokenizer.fromGguf(gguf);
        }
        if (!gguf.tensors().isEmpty()) {
            new LlamaCpu(gguf, source, 64);
        }
        return "loaded";
    }

    private static List<Input> inputs() throws IOException {
        List<Input> inputs = new ArrayList<>();
        add(inputs, DemoModel.path());
        Path vectors = Path.of(System.getProperty("locara.vectors", "../../shared/tokenizer-vectors"));
        try (var files = Files.list(vectors)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".gguf")).sorted().toList()) {
                add(inputs, p);
            }
        }
        assertTrue(inputs.size() >= 2, "no vocabulary GGUFs found in " + vectors.toAbsolutePath());
        ModelShape small = new ModelShape("fuzz", "llama", 32, 2, 4, 2, 64, 300, 128, 10000f, 1e-5f, true, null);
        byte[] synthetic = SyntheticModel.writerF32(small, 1).toBytes();
        inputs.add(new Input("synthetic F32", synthetic, GgufReader.read(new ByteArraySource(synthetic)).dataOffset()));
        ModelShape k = new ModelShape("fuzz-q", "llama", 256, 1, 4, 2, 256, 300, 128, 10000f, 1e-5f, true, null);
        byte[] quantized = SyntheticModel.writer(k, 2, QuantPreset.Q4_K_M).toBytes();
        inputs.add(new Input("synthetic Q4_K_M", quantized, GgufReader.read(new ByteArraySource(quantized)).dataOffset()));
        return inputs;
    }

    private static void add(List<Input> inputs, Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        inputs.add(new Input(p.getFileName().toString(), bytes, GgufReader.read(new ByteArraySource(bytes)).dataOffset()));
    }
}
