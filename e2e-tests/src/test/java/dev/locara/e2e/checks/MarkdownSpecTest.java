package dev.locara.e2e.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec examples on the JVM: what the browser check expects of the TeaVM build. */
class MarkdownSpecTest {
    @Test
    void everyExamplePassesOnTheJvm() throws IOException {
        String spec;
        try (InputStream in = MarkdownSpecTest.class.getResourceAsStream("/spec.txt")) {
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<MarkdownSpec.Example> examples = MarkdownSpec.examples(spec);
        assertTrue(examples.size() > 600, examples.size() + " examples");
        assertEquals(List.of(), MarkdownSpec.failures(examples));
    }
}
