package dev.locara.cache;

import dev.locara.json.Json;
import dev.locara.json.JsonException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {
    /** The project's independent pin list, read where the parent POM says the shared folder is. */
    private static List<String[]> pins() throws IOException {
        Path models = Path.of(System.getProperty("locara.models", "../../shared/models"));
        Path tsv = models.resolveSibling("model-pins.tsv");
        assertTrue(Files.isRegularFile(tsv), "model-pins.tsv not found at " + tsv.toAbsolutePath()
                + "; set -Dlocara.models=DIR to the shared models folder beside it");
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("id\t")) {
                rows.add(line.split("\t"));
            }
        }
        return rows;
    }

    @Test
    void builtInManifestHoldsEveryPinExactly() throws IOException {
        List<String[]> pins = pins();
        assertEquals(24, pins.size(), "pin rows");
        Map<String, ModelRef> byId = new HashMap<>();
        for (ModelRef m : ModelCatalog.all()) {
            byId.put(m.id(), m);
        }
        assertEquals(pins.size(), byId.size(), "the manifest has the pinned models and no others");
        for (String[] p : pins) {
            ModelRef m = byId.get(p[0]);
            assertNotNull(m, "pinned model " + p[0] + " is in the manifest");
            assertEquals(p[1], m.sources().get(m.sources().size() - 1), p[0] + " public URL");
            assertEquals("models/" + p[1].substring(p[1].lastIndexOf('/') + 1), m.sources().get(0), p[0] + " local first");
            assertEquals(Long.parseLong(p[2]), m.bytes(), p[0] + " size");
            assertEquals(p[3], m.sha256(), p[0] + " sha256");
            assertEquals(p[4], m.license().id(), p[0] + " licence");
            String params = p[5].trim();
            boolean approx = params.startsWith("~");
            double count = Double.parseDouble(params.replace("~", "").split(" ")[0]);
            assertEquals(Math.round(count), m.parameters().total(), p[0] + " parameters");
            assertEquals(approx, m.parameters().approximate(), p[0] + " approximate");
            assertEquals(p[6], m.architecture(), p[0] + " architecture");
            assertEquals(Long.parseLong(p[7]), m.contextLength(), p[0] + " context");
            assertTrue(m.memory().bytes() >= m.bytes(), p[0] + " memory covers the weights");
        }
        assertEquals(pins.get(0)[0], ModelCatalog.DEMO.id(), "the demo model is the first pin");
    }

    @Test
    void licencesThatNeedAcceptanceSayWhy() {
        ModelRef llama = ModelCatalog.byId("llama-3.2-1b-instruct-q4_k_m");
        assertTrue(llama.license().acceptTerms());
        assertTrue(llama.license().terms().contains("700 million monthly active users"), llama.license().terms());
        assertTrue(ModelCatalog.byId("gemma-3-1b-it-q4_k_m").license().acceptTerms());
        assertFalse(ModelCatalog.DEMO.license().acceptTerms());
        assertEquals("MIT", ModelCatalog.DEMO.license().spdx());
        assertEquals(ModelRef.Category.EMBEDDINGS, ModelCatalog.byId("bge-small-en-v1.5-q8_0").category());
        assertEquals(ModelRef.Category.CODING, ModelCatalog.byId("qwen2.5-coder-7b-instruct-q4_k_m").category());
        assertEquals(ModelRef.Category.REASONING, ModelCatalog.byId("deepseek-r1-distill-qwen-7b-q4_k_m").category());
        assertEquals("models/stories260K.gguf", ModelCatalog.DEMO.localUrl());
        UnknownModelException e = assertThrows(UnknownModelException.class, () -> ModelCatalog.byId("gpt-5"));
        assertTrue(e.getMessage().contains("stories260k"), e.getMessage());
    }

    @Test
    void oneRecommendedDefaultPerCategory() {
        Map<ModelRef.Category, String> recommended = new HashMap<>();
        for (ModelRef m : ModelCatalog.all()) {
            if (m.recommended()) {
                assertEquals(null, recommended.put(m.category(), m.id()), "two recommended " + m.category());
            }
        }
        assertEquals(Map.of(ModelRef.Category.CHAT, "qwen2.5-1.5b-instruct-q4_k_m",
                ModelRef.Category.CODING, "qwen2.5-coder-1.5b-instruct-q4_k_m",
                ModelRef.Category.REASONING, "deepseek-r1-distill-qwen-1.5b-q4_k_m",
                ModelRef.Category.EMBEDDINGS, "nomic-embed-text-v1.5-q8_0"), recommended);
        assertFalse(ModelCatalog.DEMO.recommended());
        String two = GOOD.replace("]}\n", ", " + GOOD.substring(GOOD.indexOf("{\"id\""), GOOD.lastIndexOf("]"))
                .replace("\"id\": \"m\"", "\"id\": \"n\"").replace("m.gguf", "n.gguf") + "]}\n")
                .replace("\"category\": \"vision\"", "\"category\": \"vision\", \"recommended\": true");
        ManifestException e = assertThrows(ManifestException.class, () -> Manifest.parse(two));
        assertTrue(e.getMessage().contains("second recommended vision model"), e.getMessage());
    }

    private static final String GOOD = """
        {"version": 1, "models": [{"id": "m", "name": "M", "category": "vision", "architecture": "llama",
          "quantization": "Q8_0", "file": "m.gguf", "size": 10, "sha256": "%s",
          "sources": ["models/m.gguf", "https://example.org/m.gguf"],
          "license": {"id": "mit", "name": "MIT", "url": "https://x", "acceptTerms": false},
          "parameters": {"total": 8, "active": 2, "approximate": false}, "contextLength": 100,
          "memory": {"context": 100, "bytes": 20}}]}
        """.formatted("0".repeat(64));

    @Test
    void acceptsAMixtureOfExpertsEntryWithRoomForVision() {
        ModelRef m = Manifest.parse(GOOD).models().get(0);
        assertEquals(ModelRef.Category.VISION, m.category());
        assertEquals(8, m.parameters().total());
        assertEquals(2, m.parameters().active());
        assertEquals(null, m.license().spdx());
        assertEquals(java.util.Map.of(), m.sampling(), "no suggested sampling");
    }

    /** The makers' suggested sampling, as the chat's defaults for a model (Qwen2.5's generation_config). */
    @Test
    void readsSuggestedSampling() {
        String with = GOOD.replace("\"memory\": {", "\"sampling\": {\"temperature\": 0.7, \"top_k\": 20}, \"memory\": {");
        assertEquals(java.util.Map.of("temperature", 0.7, "top_k", 20.0), Manifest.parse(with).models().get(0).sampling());
        assertEquals(0.7, ModelCatalog.byId("qwen2.5-0.5b-instruct-q4_k_m").sampling().get("temperature"));
        assertEquals(java.util.Map.of(), ModelCatalog.DEMO.sampling());
    }

    @Test
    void schemaErrorsNameTheEntryAndField() {
        String[][] cases = {
            {"\"version\": 1", "\"version\": 2", "has version 2"},
            {"\"category\": \"vision\"", "\"category\": \"music\"", "model 'm': \"category\" is 'music'"},
            {"\"size\": 10", "\"size\": -1", "model 'm': \"size\" is -1"},
            {"\"size\": 10", "\"size\": 1.5", "\"size\" must be a whole number"},
            {"\"sha256\": \"0", "\"sha256\": \"X", "\"sha256\" must be 64 lower-case hex digits"},
            {"\"file\": \"m.gguf\"", "\"file\": \"../m.gguf\"", "\"file\" must be a plain file name"},
            {"\"https://example.org/m.gguf\"", "\"http://example.org/m.gguf\"", "\"sources\" must list"},
            {"\"active\": 2", "\"active\": 9", "\"active\" cannot exceed total"},
            {"\"acceptTerms\": false", "\"acceptTerms\": true", "\"terms\" must say what is accepted"},
            {"\"name\": \"M\", ", "", "model 'm': \"name\" is missing"},
            {"\"memory\": {\"context\": 100, \"bytes\": 20}", "\"memory\": 5", "\"memory\" must be an object"},
            {"\"memory\": {", "\"sampling\": {\"temp\": 1}, \"memory\": {", "\"temp\" is not a sampling field"},
            {"\"memory\": {", "\"sampling\": {\"top_p\": 11}, \"memory\": {", "\"top_p\" is 11.0, outside"},
            {"\"memory\": {", "\"sampling\": {\"top_k\": \"x\"}, \"memory\": {", "\"top_k\" must be a number"},
        };
        for (String[] c : cases) {
            assertTrue(GOOD.contains(c[0]), c[0]);
            String bad = GOOD.replace(c[0], c[1]);
            ManifestException e = assertThrows(ManifestException.class, () -> Manifest.parse(bad), c[1]);
            assertTrue(e.getMessage().contains(c[2]), e.getMessage());
        }
        String twice = GOOD.replace("]}\n", ", " + GOOD.substring(GOOD.indexOf("{\"id\""), GOOD.lastIndexOf("]")) + "]}\n");
        assertTrue(assertThrows(ManifestException.class, () -> Manifest.parse(twice)).getMessage().contains("twice"));
        assertThrows(ManifestException.class, () -> Manifest.parse("[]"));
        assertThrows(JsonException.class, () -> Manifest.parse("{\"version\": 1,"));
    }
}
