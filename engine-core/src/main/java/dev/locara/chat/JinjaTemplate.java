package dev.locara.chat;

import dev.locara.chat.TemplateNodes.Node;
import dev.locara.chat.TemplateNodes.Renderer;
import dev.locara.chat.TemplateNodes.Scope;
import java.util.List;
import java.util.Map;

/**
 * A parsed Jinja template, in the subset that model chat templates use (for, if, set, macros,
 * namespace, filters, tests, string methods, slicing), rendered as transformers renders chat
 * templates: trim_blocks and lstrip_blocks on, no HTML escaping. Plain Java without reflection or
 * regular expressions, so that it runs the same on the JVM and compiled to WebAssembly.
 */
public final class JinjaTemplate {
    private final String source;
    private final List<Node> body;
    private final TemplateLimits limits;

    private JinjaTemplate(String source, List<Node> body, TemplateLimits limits) {
        this.source = source;
        this.body = body;
        this.limits = limits;
    }

    /** @throws TemplateException (SYNTAX or UNSUPPORTED) where the text is not Jinja this interpreter reads */
    public static JinjaTemplate parse(String source) {
        return parse(source, TemplateLimits.DEFAULT);
    }

    /**
     * Parses a template whose renders keep within {@code limits}.
     *
     * @throws TemplateException (SYNTAX or UNSUPPORTED) where the text is not Jinja this interpreter reads,
     *                           LIMIT where it nests deeper than {@code limits.maxNesting()}
     */
    public static JinjaTemplate parse(String source, TemplateLimits limits) {
        return new JinjaTemplate(source, TemplateParser.parse(source, limits.maxNesting()), limits);
    }

    /**
     * @param context variables by name: JSON-like values (String, Boolean, Long/Integer, Double, List, Map, null);
     *                anything else is refused, so the template reaches no Java object beyond plain data
     * @throws TemplateException when rendering fails, the template calls raise_exception (kind RAISED) or it goes
     *                           past its limits (kind LIMIT)
     */
    public String render(Map<String, ?> context) {
        Budget budget = new Budget(limits);
        Renderer renderer = new Renderer(source, budget);
        Scope globals = new Scope(null, renderer);
        globals.vars.putAll(Values.globals());
        Scope root = new Scope(globals, renderer);
        for (Map.Entry<String, ?> e : context.entrySet()) {
            root.vars.put(e.getKey(), normalize(e.getValue()));
        }
        StringBuilder out = new StringBuilder();
        Budget previous = budget.install();
        try {
            TemplateNodes.renderAll(body, root, out);
        } catch (TemplateNodes.LoopControl e) {
            throw new TemplateException(TemplateException.Kind.SYNTAX, "'break' or 'continue' outside a loop", source, 0);
        } catch (StackOverflowError e) {
            // maxDepth should trip first; a thread with a small stack still gets a typed error rather than a crash.
            throw TemplateException.limit("maxDepth", "the template recurses too deeply for this thread's stack", source, 0);
        } finally {
            Budget.restore(previous);
        }
        return out.toString();
    }

    /** Integers of any width become Long, so that arithmetic and equality see one integer type. */
    private static Object normalize(Object v) {
        // Callable: the functions this package adds itself (ChatTemplate's strftime_now).
        if (!(v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer
                || v instanceof Short || v instanceof Byte || v instanceof Double || v instanceof Float
                || v instanceof List<?> || v instanceof Map<?, ?> || v instanceof Values.Callable)) {
            throw new IllegalArgumentException("a chat template's context holds only JSON-like values, not "
                    + v.getClass().getName());
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return (double) f;
        }
        if (v instanceof List<?> list) {
            java.util.ArrayList<Object> out = new java.util.ArrayList<>();
            for (Object o : list) {
                out.add(normalize(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map && !(v instanceof Values.Namespace)) {
            java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(String.valueOf(e.getKey()), normalize(e.getValue()));
            }
            return out;
        }
        return v;
    }
}
