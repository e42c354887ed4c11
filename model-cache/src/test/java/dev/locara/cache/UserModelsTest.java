package dev.locara.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UserModelsTest {
    private static final Set<String> MANIFEST = Set.of("stories260k", "qwen2.5-0.5b-instruct");

    @Test
    void idIsASanitizedFileName() {
        assertEquals("my-model-q4_k_m", UserModels.idFor("My Model (Q4_K_M).gguf", MANIFEST));
        assertEquals("tiny-llama-1.1b", UserModels.idFor("C:\\models\\Tiny  Llama 1.1B.GGUF", MANIFEST));
        assertEquals("model", UserModels.idFor("???.gguf", MANIFEST));
        assertEquals("model", UserModels.idFor("", MANIFEST));
        assertEquals("b-c", UserModels.idFor("../a/<b>\"c\".gguf", MANIFEST));
    }

    @Test
    void markupAndNonAsciiNeverReachTheId() {
        assertEquals("img-src-x-onerror-alert-1", UserModels.idFor("<img src=x onerror=alert(1)>.gguf", MANIFEST));
        assertEquals("f-hrer", UserModels.idFor("Führer модел.gguf", MANIFEST));
    }

    @Test
    void idIsBoundedAndNeverAManifestId() {
        assertEquals(UserModels.MAX_ID, UserModels.idFor("x".repeat(300) + ".gguf", MANIFEST).length());
        assertEquals("stories260k-user", UserModels.idFor("stories260K.gguf", MANIFEST));
    }

    @Test
    void markersMapBackToIds() {
        assertEquals("user-abc.gguf", UserModels.file("abc"));
        assertEquals("abc", UserModels.idOfMarker("user-abc.gguf.unpinned"));
        assertNull(UserModels.idOfMarker("stories260K.gguf.verified"));
        assertNull(UserModels.idOfMarker("user-.gguf.unpinned"));
        assertNull(UserModels.idOfMarker("user-abc.gguf"));
    }
}
