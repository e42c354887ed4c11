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

    private JinjaTemplate(String source, List<Node> body) {
        this.source = source;
        this.body = body;
    }

    /** @throws TemplateException (SYNTAX or UNSUPPORTED) where the text is not Jinja this interpreter reads */
    public static JinjaTemplate parse(String source) {
        return new JinjaTemplate(source, TemplateParser.parse(source));
    }

    /**
     * @param context variables by name: JSON-like values (String, Boolean, Long/Integer, Double, List, Map, null)
     * @throws TemplateException when rendering fails or the template calls raise_exception (kind RAISED)
     */
    public String render(Map<String, ?> context) {
        Renderer renderer = new Renderer(source);
        Scope globals = new Scope(null, renderer);
        globals.vars.putAll(Values.globals());
        Scope root = new Scope(globals, renderer);
        for (Map.Entry<String, ?> e : context.entrySet()) {
            root.vars.put(e.getKey(), normalize(e.getValue()));
        }
        StringBuilder out = new StringBuilder();
        try {
            TemplateNodes.renderAll(body, root, out);
        } catch (TemplateNodes.LoopControl e) {
            throw new TemplateException(TemplateException.Kind.SYNTAX, "'break' or 'continue' outside a loop", source, 0);
        } catch (StackOverflowError e) {
            throw new TemplateException(TemplateException.Kind.RUNTIME, "the template recurses too deeply", source, 0);
        }
        return out.toString();
    }

    /** Integers of any width become Long, so that arithmetic and equality see one integer type. */
    private static Object normalize(Object v) {
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
