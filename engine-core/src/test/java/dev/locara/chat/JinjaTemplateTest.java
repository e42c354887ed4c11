package dev.locara.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Features the goldens do not reach (their expected values are Jinja2's documented results), and the error paths. */
class JinjaTemplateTest {
    private static String render(String template, Map<String, ?> context) {
        return JinjaTemplate.parse(template).render(context);
    }

    @Test
    void macrosLoopVariablesAndFilters() {
        String t = "{% macro item(x, sep=', ') %}{{ x | upper }}{{ sep if not loop_last }}{% endmacro %}"
                + "{% for x in xs %}{{ loop.index }}/{{ loop.length }}{{ '!' if loop.first }}{{ '.' if loop.last else ' ' }}{% endfor %}|"
                + "{{ xs | join('-') }}|{{ xs[1:] | length }}|{{ xs[::-1] | first }}|{{ 'a,b,c'.split(',') | last }}|"
                + "{{ '  pad ' | trim }}|{{ none | default('dflt') }}|{{ undefined_name | default('u') }}|"
                + "{{ {'k': 1, 'j': [true, none]} | tojson }}|{{ 7 // 2 }} {{ -7 % 3 }} {{ 1 ~ 2 }}|{{ 'x' in 'xyz' }}"
                + "{{ 'hello world' | title }}|{{ item('q', sep='') }}";
        assertEquals("1/3! 2/3 3/3.|a-b-c|2|c|c|pad|None|u|{\"k\": 1, \"j\": [true, null]}|3 2 12|TrueHello World|Q",
                render(t, Map.of("xs", List.of("a", "b", "c"))));
    }

    /** Where @huggingface/jinja departs from Jinja2 (the engine transformers renders templates with), Jinja2 wins. */
    @Test
    void followsJinja2WhereTheJavaScriptRendererDiffers() {
        // Jinja2 3.1.6 renders this as shown (booleans and none as Python prints them, code points, Python's modulo).
        assertEquals("True 2 x 2 None [True, None, 'x'] abab 1.0",
                render("{{ true }} {{ 'a🦙' | length }} {{ '--x--'.strip('-') }} {{ -7 % 3 }} {{ none }} {{ [true, none, 'x'] }}"
                        + " {{ 'ab' * 2 }} {{ 1.0 }}", Map.of()));
    }

    @Test
    void namespaceCarriesStateOutOfALoopButPlainSetDoesNot() {
        String t = "{% set ns = namespace(n=0) %}{% set plain = 0 %}{% for i in range(4) if i is odd %}"
                + "{% set ns.n = ns.n + i %}{% set plain = 9 %}{% endfor %}{{ ns.n }} {{ plain }}";
        assertEquals("4 0", render(t, Map.of()));
    }

    @Test
    void whitespaceControlAndBlockSet() {
        String t = "<{%- if true -%}\n   x   \n{%- endif -%}>\n  {% set b %}in{{ 1 + 1 }}{% endset %}\n[{{ b }}]\n";
        assertEquals("<x>\n[in2]", render(t, Map.of()));
    }

    @Test
    void syntaxErrorsSayWhere() {
        TemplateException e = assertThrows(TemplateException.class, () -> JinjaTemplate.parse("ok\n{% if x %}\n{{ 1 + }}"));
        assertEquals(TemplateException.Kind.SYNTAX, e.kind());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("Chat template, line 3, column"), e.getMessage());
        TemplateException unclosed = assertThrows(TemplateException.class, () -> JinjaTemplate.parse("{% for m in ms %}x"));
        assertTrue(unclosed.getMessage().contains("endfor"), unclosed.getMessage());
        TemplateException tag = assertThrows(TemplateException.class, () -> JinjaTemplate.parse("a\n  {% include 'x' %}"));
        assertEquals(TemplateException.Kind.UNSUPPORTED, tag.kind());
        assertEquals(2, tag.line());
        assertEquals(6, tag.column());
    }

    @Test
    void runtimeErrorsAreTypedWithTheirPosition() {
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ 'a' + 1 }}", Map.of()));
        assertEquals(TemplateException.Kind.RUNTIME, e.kind());
        assertEquals(1, e.line());
        assertEquals(8, e.column());
        TemplateException filter = assertThrows(TemplateException.class, () -> render("{{ x | frobnicate }}", Map.of("x", 1)));
        assertEquals(TemplateException.Kind.UNSUPPORTED, filter.kind());
    }

    @Test
    void gemmaRefusesASystemRoleWithATypedError() throws Exception {
        Path file = Path.of(System.getProperty("locara.templates", "../../shared/chat-templates"), "google-gemma-2-2b-it.jinja");
        ChatTemplate chat = new ChatTemplate(Files.readString(file), "gemma2", "<bos>", "<eos>");
        List<Map<String, Object>> messages = ChatTemplate.parseMessages(
                "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]");
        TemplateException e = assertThrows(TemplateException.class, () -> chat.render(messages, true));
        assertEquals(TemplateException.Kind.RAISED, e.kind());
        assertEquals("System role not supported", e.getMessage());
        assertFalse(chat.usesBuiltInFormat());
    }

    @Test
    void builtInFormatsServeWhenTheTemplateIsMissingOrUnsupported() {
        List<Map<String, Object>> messages = ChatTemplate.parseMessages(
                "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\" Hi \"}]");
        ChatTemplate none = new ChatTemplate(null, "llama", "<s>", "</s>");
        assertTrue(none.usesBuiltInFormat());
        assertEquals(1, none.warnings().size());
        assertEquals("<s><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
                none.render(messages, true));
        ChatTemplate broken = new ChatTemplate("{% for m in messages %}{{ m.content | frobnicate }}{% endfor %}", "qwen2", "", "");
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\n Hi <|im_end|>\n<|im_start|>assistant\n",
                broken.render(messages, true));
        assertTrue(broken.usesBuiltInFormat());
        assertTrue(broken.warnings().get(0).contains("frobnicate"), broken.warnings().toString());
        assertEquals("<bos><start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n<start_of_turn>model\n",
                new ChatTemplate(null, "gemma3", "<bos>", "<eos>").render(messages, true));
        assertEquals("<|system|>\nBe brief.<|end|>\n<|user|>\n Hi <|end|>\n",
                new ChatTemplate(null, "phi3", "<s>", "<|endoftext|>").render(messages, false));
    }

    @Test
    void messagesMustBeWellFormed() {
        assertThrows(IllegalArgumentException.class, () -> ChatTemplate.parseMessages("[]"));
        assertThrows(IllegalArgumentException.class, () -> ChatTemplate.parseMessages("[{\"role\":\"user\"}]"));
        assertThrows(IllegalArgumentException.class, () -> ChatTemplate.parseMessages("[{\"role\":1,\"content\":\"x\"}]"));
        assertThrows(IllegalArgumentException.class, () -> ChatTemplate.parseMessages("{\"role\""));
    }
}
