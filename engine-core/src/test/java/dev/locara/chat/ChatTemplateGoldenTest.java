package dev.locara.chat;

import dev.locara.json.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every model chat template in the shared folder (system property locara.templates) with the
 * conversations of chat-goldens/cases.json and compares the text, exactly, with what the independent
 * renderer @huggingface/jinja produced (scripts/chat-template-goldens.mjs wrote the goldens).
 */
class ChatTemplateGoldenTest {
    private static final Path TEMPLATES = Path.of(System.getProperty("locara.templates", "../../shared/chat-templates"));

    @TestFactory
    Stream<DynamicTest> everyTemplateMatchesTheReferenceRenderer() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) Json.parse(resource("cases.json"), null);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> special = (Map<String, Map<String, Object>>) spec.get("special");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) spec.get("cases");
        List<?> today = (List<?>) spec.get("today");
        Object strftimeNow = ChatTemplate.strftimeNow(((Long) today.get(0)).intValue(), ((Long) today.get(1)).intValue(),
                ((Long) today.get(2)).intValue());
        List<Path> files = new ArrayList<>();
        // The model templates, and Locara's own feature template (rendered by the same script).
        for (Path dir : new Path[] {TEMPLATES, Path.of(ChatTemplateGoldenTest.class.getResource("/chat-templates-extra").toURI())}) {
            try (Stream<Path> s = Files.list(dir)) {
                files.addAll(s.filter(p -> p.toString().endsWith(".jinja")).sorted().toList());
            }
        }
        assertEquals(special.size(), files.size(), "one golden set per template in " + TEMPLATES);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            String id = file.getFileName().toString().replace(".jinja", "");
            String source = Files.readString(file);
            JinjaTemplate template = JinjaTemplate.parse(source);
            for (Map<String, Object> c : cases) {
                String name = id + "." + c.get("name");
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Map<String, Object> context = new LinkedHashMap<>(special.get(id));
                    context.put("strftime_now", strftimeNow);
                    context.put("messages", c.get("messages"));
                    context.put("add_generation_prompt", c.get("add_generation_prompt"));
                    String error = optionalResource(name + ".error");
                    if (error != null) {
                        TemplateException e = assertThrows(TemplateException.class, () -> template.render(context));
                        assertEquals(TemplateException.Kind.RAISED, e.kind());
                        assertEquals(error.strip(), e.getMessage());
                    } else {
                        assertEquals(resource(name + ".txt"), template.render(context));
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static String resource(String name) throws IOException {
        String text = optionalResource(name);
        if (text == null) {
            throw new IOException("missing golden " + name + ": run node scripts/chat-template-goldens.mjs");
        }
        return text;
    }

    private static String optionalResource(String name) throws IOException {
        try (InputStream in = ChatTemplateGoldenTest.class.getResourceAsStream("/chat-goldens/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
