package dev.locara.chat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Jinja interpreter on any template text (ROBUSTNESS.md): it renders or throws a TemplateException,
 * never another exception, a StackOverflowError or an OutOfMemoryError, and within its limits.
 * jqwik assembles templates from Jinja's own tokens so that most of them parse and run.
 */
class JinjaFuzzTest {
    private static final TemplateLimits LIMITS = new TemplateLimits(20_000, 2_000_000, 30, 30, 200_000, 200_000);
    private static final Map<String, Object> CONTEXT = Map.of(
            "messages", List.of(Map.of("role", "system", "content", "be brief"), Map.of("role", "user", "content", "hi 'there'")),
            "add_generation_prompt", true, "bos_token", "<s>", "tools", List.of());

    static void renderOrFailTyped(String template) {
        try {
            JinjaTemplate.parse(template, LIMITS).render(CONTEXT);
        } catch (TemplateException expected) {
            // SYNTAX, UNSUPPORTED, RUNTIME, RAISED or LIMIT: each says what went wrong and where
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyTemplate(FuzzedDataProvider data) {
        renderOrFailTyped(data.consumeRemainingAsString());
    }

    @Property(tries = 3000)
    void templatesFromJinjaTokens(@ForAll("templates") String template) {
        renderOrFailTyped(template);
    }

    @Provide
    Arbitrary<String> templates() {
        Arbitrary<String> token = Arbitraries.of("{{", "}}", "{%", "%}", "{#", "#}", "{%-", "-%}", " for ", " in ", " endfor ",
                " if ", " elif ", " else ", " endif ", " set ", " macro ", " endmacro ", " namespace(", "(", ")", "[", "]", "{", "}",
                ",", ":", ".", "|", " ~ ", " + ", " * ", " ** ", " // ", " % ", " - ", " == ", " and ", " not ", " is ", " defined ",
                "messages", "message", "m", "ns", "x", "loop", ".index", "['content']", "'role'", "\"s\"", "0", "1", "-1", "99999999",
                "2.5", "true", "none", "range(", "length", "join", "replace(", "tojson", "trim", "upper", "split(", "items()",
                "raise_exception(", "strip()", "\n", " ", "text", "'a' * 9", "[1,2]", "{'k': 1}", "[::-1]", "[1:]", "loop.cycle(");
        return token.list().ofMaxSize(30).map(l -> String.join("", l));
    }
}
