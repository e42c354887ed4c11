package dev.locara.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A chat template comes with the model file, so it is untrusted code: each template here tries to run without
 * end, exhaust memory or the stack, or reach past the data it is given, and each must stop with a LIMIT error
 * naming the bound it hit (or render harmlessly). Most run under small limits so that the suite stays quick;
 * {@link #theDefaultLimitsStopTheSameAttacks} shows that the defaults hold too.
 */
class HostileTemplateTest {
    private static final TemplateLimits SMALL = new TemplateLimits(10_000, 2_000_000, 40, 40, 100_000, 100_000);
    private static final Map<String, Object> CONTEXT = Map.of(
            "messages", List.of(Map.of("role", "user", "content", "hello")),
            "bos_token", "<s>");

    static Stream<Arguments> limited() {
        return Stream.of(
                // loops
                Arguments.of("{% for i in range(100000) %}x{% endfor %}", "maxLoopIterations"),
                Arguments.of("{% for i in range(200) %}{% for j in range(200) %}{% endfor %}{% endfor %}", "maxLoopIterations"),
                Arguments.of("{% for i in range(9223372036854775807) %}{% endfor %}", "maxLoopIterations"),
                Arguments.of("{% for i in range(-9223372036854775807, 9223372036854775807, 3) %}{% endfor %}", "maxLoopIterations"),
                Arguments.of("{% for i in range(0, -100000000, -1) %}{% endfor %}", "maxLoopIterations"),
                Arguments.of("{% set r = range(100000000) %}", "maxLoopIterations"),
                Arguments.of("{{ range(100000000) | length }}", "maxLoopIterations"),
                Arguments.of("{% for i in range(5000) %}{% for c in 'abcdefghij' %}{% endfor %}{% endfor %}", "maxLoopIterations"),
                Arguments.of("{% for i in range(100) if true %}{% for j in range(1000) if j %}{% endfor %}{% endfor %}", "maxLoopIterations"),
                Arguments.of("{% for c in ('a' * 90000) %}{% endfor %}{% for c in ('a' * 90000) %}{% endfor %}", "maxLoopIterations"),
                // lists that grow
                Arguments.of("{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}", "maxLoopIterations"),
                Arguments.of("{{ ('a' * 50000) | list | length }}", "maxLoopIterations"),
                Arguments.of("{% for i in range(9000) %}{% set l = ('a' * 5000) | list %}{% endfor %}", "maxWork"),
                // strings that grow
                Arguments.of("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "maxStringLength"),
                Arguments.of("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}", "maxStringLength"),
                Arguments.of("{{ 'x' * 9223372036854775807 }}", "maxStringLength"),
                Arguments.of("{{ 'abc' * 100000 }}", "maxStringLength"),
                Arguments.of("{{ 100000 * 'abc' }}", "maxStringLength"),
                Arguments.of("{{ ('a' * 1000).replace('a', 'b' * 1000) }}", "maxStringLength"),
                Arguments.of("{{ ('a' * 1000) | replace('a', 'b' * 1000) }}", "maxStringLength"),
                Arguments.of("{{ ('a' * 1000).replace('', 'b' * 1000) }}", "maxStringLength"),
                Arguments.of("{{ ('\\n' * 1000) | indent(1000) }}", "maxStringLength"),
                Arguments.of("{{ 'a' | indent(9223372036854775807) }}", "maxStringLength"),
                Arguments.of("{{ ('a' * 60000).join(['x', 'y', 'z']) }}", "maxStringLength"),
                Arguments.of("{{ ['a' * 60000, 'b' * 60000] | join(',') }}", "maxStringLength"),
                Arguments.of("{% set ns = namespace(l=['aaaaaaaaaa']) %}{% for i in range(30) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l }}", "maxStringLength"),
                Arguments.of("{% set ns = namespace(l=['aaaaaaaaaa']) %}{% for i in range(30) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l | tojson }}", "maxWork"),
                Arguments.of("{% set ns = namespace(d={}) %}{% for i in range(30) %}{% set ns.d = {'a': ns.d, 'b': ns.d} %}{% endfor %}{{ ns.d | string | length }}", "maxStringLength"),
                // output that grows
                Arguments.of("{% for i in range(5000) %}{{ 'y' * 50 }}{% endfor %}", "maxOutput"),
                Arguments.of("{% set big %}{% for i in range(5000) %}{{ 'y' * 50 }}{% endfor %}{% endset %}", "maxOutput"),
                Arguments.of("{% macro m() %}{% for i in range(5000) %}{{ 'y' * 50 }}{% endfor %}{% endmacro %}{% set x = m() %}", "maxOutput"),
                // work: cheap-looking operations on long strings
                Arguments.of("{% set s = 'a' * 99999 %}{% for i in range(5000) %}{% if ('a' * 400) in s %}{% endif %}{% endfor %}", "maxWork"),
                Arguments.of("{% set s = 'a' * 99999 %}{% for i in range(5000) %}{{ s[50000] }}{% endfor %}", "maxWork"),
                Arguments.of("{% set s = 'a' * 99999 %}{% for i in range(9000) %}{% set t = s.split('a' * 300) %}{% endfor %}", "maxWork"),
                Arguments.of("{% set s = 'a' * 99999 %}{% for i in range(9000) %}{% set t = s.find('a' * 300 ~ 'b') %}{% endfor %}", "maxWork"),
                Arguments.of("{% set s = 'a' * 99999 %}{% for i in range(9000) %}{% set t = s.upper() %}{% endfor %}", "maxWork"),
                // recursion
                Arguments.of("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "maxDepth"),
                Arguments.of("{% macro f() %}{{ g() }}{% endmacro %}{% macro g() %}{{ f() }}{% endmacro %}{{ f() }}", "maxDepth"),
                Arguments.of("{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(30) }}", "maxWork"),
                Arguments.of("{% set ns = namespace() %}{% set ns.me = ns %}{{ ns }}", "maxDepth"),
                Arguments.of("{% set ns = namespace() %}{% set ns.me = ns %}{{ ns | tojson }}", "maxDepth"),
                Arguments.of("{% set ns = namespace(l=[]) %}{% set ns.me = [ns] %}{{ ns | string }}", "maxDepth"),
                // nesting in the text itself
                Arguments.of("{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}", "maxNesting"),
                Arguments.of("{{ " + "[".repeat(5000) + "]".repeat(5000) + " }}", "maxNesting"),
                Arguments.of("{{ " + "- ".repeat(5000) + "1 }}", "maxNesting"),
                Arguments.of("{{ " + "not ".repeat(5000) + "1 }}", "maxNesting"),
                Arguments.of("{% if true %}".repeat(5000) + "{% endif %}".repeat(5000), "maxNesting"),
                Arguments.of("{% for i in [1] %}".repeat(5000) + "{% endfor %}".repeat(5000), "maxNesting"),
                Arguments.of("{{ {'a': " .repeat(5000) + "1" + "}".repeat(5000) + " }}", "maxNesting"));
    }

    @ParameterizedTest
    @MethodSource("limited")
    void aHostileTemplateStopsAtALimitThatItNames(String template, String limit) {
        TemplateException e = assertThrows(TemplateException.class, () -> JinjaTemplate.parse(template, SMALL).render(CONTEXT));
        assertEquals(TemplateException.Kind.LIMIT, e.kind(), e.getMessage());
        assertEquals(limit, e.limit(), e.getMessage());
    }

    static Stream<Arguments> probes() {
        // Attribute walks that reach Java objects in some interpreters (Jinja2's sandbox escapes, reflection
        // through getClass()): here values are plain data, so each name means nothing and renders as "".
        return Stream.of(
                Arguments.of("{{ messages.__class__ }}", ""),
                Arguments.of("{{ messages.__class__.__mro__ }}", ""),
                Arguments.of("{{ ''.__class__.__base__.__subclasses__ }}", ""),
                Arguments.of("{{ raise_exception.__globals__ }}", ""),
                Arguments.of("{{ namespace.__init__.__globals__['os'] }}", ""),
                Arguments.of("{{ messages[0].getClass }}", ""),
                Arguments.of("{{ messages.getClass }}", ""),
                Arguments.of("{{ 'a'.getClass }}", ""),
                Arguments.of("{{ bos_token.class }}", ""),
                Arguments.of("{{ self }}{{ config }}{{ request }}{{ lipsum }}{{ cycler }}{{ joiner }}", ""),
                Arguments.of("{{ range.__self__ }}", ""),
                Arguments.of("{{ messages | attr('__class__') if false else '' }}", ""),
                Arguments.of("{{ messages[0]['__proto__'] }}{{ messages[0].constructor }}", ""),
                Arguments.of("{% set ns = namespace() %}{{ ns.__dict__ }}{{ ns.getClass }}", ""));
    }

    @ParameterizedTest
    @MethodSource("probes")
    void aTemplateReachesNothingBeyondItsData(String template, String expected) {
        assertEquals(expected, JinjaTemplate.parse(template, SMALL).render(CONTEXT));
    }

    @Test
    void callingAnUnknownNameIsRefusedNotResolved() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> JinjaTemplate.parse("{{ ''.__class__() }}", SMALL).render(CONTEXT));
        assertEquals(TemplateException.Kind.UNSUPPORTED, e.kind(), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> JinjaTemplate.parse("{{ x }}", SMALL).render(Map.of("x", new Object())));
    }

    @Test
    void theDefaultLimitsStopTheSameAttacks() {
        String[][] cases = {
                {"{% for i in range(2000000) %}{% endfor %}", "maxLoopIterations"},
                {"{% for i in range(1000) %}{% for j in range(1001) %}{% endfor %}{% endfor %}", "maxLoopIterations"},
                {"{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "maxStringLength"},
                {"{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", "maxDepth"},
                {"{{ " + "(".repeat(200) + "1" + ")".repeat(200) + " }}", "maxNesting"},
                {"{% for i in range(900000) %}{{ 'y' * 10 }}{% endfor %}", "maxOutput"},
        };
        for (String[] c : cases) {
            TemplateException e = assertThrows(TemplateException.class, () -> JinjaTemplate.parse(c[0]).render(CONTEXT), c[0]);
            assertEquals(TemplateException.Kind.LIMIT, e.kind(), e.getMessage());
            assertEquals(c[1], e.limit(), e.getMessage());
        }
    }

    @Test
    void theLimitsLeaveOrdinaryTemplatesAlone() {
        String chatml = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content | trim }}<|im_end|>\n{% endfor %}";
        assertEquals("<|im_start|>user\nhello<|im_end|>\n", JinjaTemplate.parse(chatml, SMALL).render(CONTEXT));
        assertEquals("-a-b-c-", JinjaTemplate.parse("{{ 'abc'.replace('', '-') }}").render(Map.of()));
        assertEquals("-a-bc", JinjaTemplate.parse("{{ 'abc'.replace('', '-', 2) }}").render(Map.of()));
        assertEquals("1024", JinjaTemplate.parse("{{ 2 ** 10 }}").render(Map.of()));
        assertEquals("b", JinjaTemplate.parse("{{ 'abc'[1] }}{{ 'abc'[7] }}").render(Map.of()));
    }
}
