package dev.locara.chat;

import dev.locara.chat.TemplateLexer.Part;
import dev.locara.chat.TemplateLexer.Token;
import dev.locara.chat.TemplateLexer.Type;
import dev.locara.chat.TemplateNodes.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over the lexer's parts: text, output and the statement tags; each tag's
 * expressions go to an {@link ExpressionParser}.
 */
final class TemplateParser {
    private final String src;
    private final List<Part> parts;
    private int p; // current part
    private ExpressionParser tag; // the tag being parsed
    private final int maxNesting;
    private int nesting; // blocks open at the cursor

    private TemplateParser(String src, int maxNesting) {
        this.src = src;
        this.parts = TemplateLexer.split(src);
        this.maxNesting = maxNesting;
    }

    static List<Node> parse(String template, int maxNesting) {
        TemplateParser parser = new TemplateParser(template, maxNesting);
        List<Node> body;
        try {
            body = parser.body();
        } catch (StackOverflowError e) {
            // maxNesting should trip first; a thread with a small stack still gets a typed error.
            throw TemplateException.limit("maxNesting", "the template nests too deeply for this thread's stack", template, 0);
        }
        if (parser.p < parser.parts.size()) {
            throw parser.error("unexpected '" + parser.tag.peek().text() + "' outside any block", parser.tag.peek().pos());
        }
        return body;
    }

    private TemplateException error(String message, int at) {
        return new TemplateException(TemplateException.Kind.SYNTAX, message, src, at);
    }

    // ---- statements ----------------------------------------------------------------------

    /** Nodes up to (not including) a statement tag that this level does not own, e.g. "endif" or "else". */
    private List<Node> body() {
        if (++nesting > maxNesting) {
            throw TemplateException.limit("maxNesting", "blocks nest more than " + maxNesting + " levels deep", src,
                    p < parts.size() ? parts.get(p).pos() : src.length());
        }
        try {
            return nodes();
        } finally {
            nesting--;
        }
    }

    private List<Node> nodes() {
        List<Node> nodes = new ArrayList<>();
        while (p < parts.size()) {
            Part part = parts.get(p);
            if (part.text()) {
                nodes.add(new Text(part.literal()));
                p++;
                continue;
            }
            tag = new ExpressionParser(src, part.tokens(), maxNesting);
            if (part.output()) {
                p++;
                Expr e = tag.expression(true);
                tag.expectEnd();
                nodes.add(new Output(e, part.pos()));
                continue;
            }
            Token keyword = tag.peek();
            switch (keyword.text()) {
                case "if": p++; tag.skip(); nodes.add(ifNode(keyword.pos())); break;
                case "for": p++; tag.skip(); nodes.add(forNode(keyword.pos())); break;
                case "set": p++; tag.skip(); nodes.add(setNode(keyword.pos())); break;
                case "macro": p++; tag.skip(); nodes.add(macroNode(keyword.pos())); break;
                case "break": p++; tag.skip(); tag.expectEnd(); nodes.add(new Break(false)); break;
                case "continue": p++; tag.skip(); tag.expectEnd(); nodes.add(new Break(true)); break;
                case "generation": case "endgeneration": p++; break; // transformers' marker for assistant masks
                case "elif": case "else": case "endif": case "endfor": case "endset": case "endmacro":
                    return nodes;
                default:
                    if (keyword.type() != Type.NAME) {
                        throw error("expected a tag name after '{%'", keyword.pos());
                    }
                    throw new TemplateException(TemplateException.Kind.UNSUPPORTED,
                            "the tag '" + keyword.text() + "' is not supported", src, keyword.pos());
            }
        }
        return nodes;
    }

    /** Consumes the closing tag that ended a body, checking its name. */
    private String closeTag(String... names) {
        if (p >= parts.size()) {
            throw error("the template ends before '{% " + names[names.length - 1] + " %}'", src.length());
        }
        tag = new ExpressionParser(src, parts.get(p).tokens(), maxNesting);
        Token k = tag.peek();
        for (String n : names) {
            if (k.text().equals(n)) {
                p++;
                tag.skip();
                return n;
            }
        }
        throw error("expected '{% " + String.join(" %}' or '{% ", names) + " %}' but found '" + k.text() + "'", k.pos());
    }

    private Node ifNode(int pos) {
        List<Expr> conditions = new ArrayList<>();
        List<List<Node>> bodies = new ArrayList<>();
        conditions.add(tag.expression(true));
        tag.expectEnd();
        bodies.add(body());
        while (true) {
            String closing = closeTag("elif", "else", "endif");
            if (closing.equals("elif")) {
                conditions.add(tag.expression(true));
                tag.expectEnd();
                bodies.add(body());
            } else if (closing.equals("else")) {
                tag.expectEnd();
                bodies.add(body());
                closeTag("endif");
                tag.expectEnd();
                break;
            } else {
                tag.expectEnd();
                break;
            }
        }
        return new If(conditions, bodies, pos);
    }

    private Node forNode(int pos) {
        List<String> targets = new ArrayList<>();
        targets.add(tag.name());
        while (tag.peek().is(",")) {
            tag.skip();
            targets.add(tag.name());
        }
        tag.expectWord("in");
        Expr iterable = tag.expression(false);
        Expr filter = null;
        if (tag.peek().is("if")) {
            tag.skip();
            filter = tag.expression(false);
        }
        tag.expectEnd();
        List<Node> body = body();
        List<Node> otherwise = List.of();
        if (closeTag("else", "endfor").equals("else")) {
            tag.expectEnd();
            otherwise = body();
            closeTag("endfor");
        }
        tag.expectEnd();
        return new For(targets, iterable, filter, body, otherwise, pos);
    }

    private Node setNode(int pos) {
        String target = tag.name();
        String attribute = null;
        List<String> targets = new ArrayList<>();
        targets.add(target);
        if (tag.peek().is(".")) {
            tag.skip();
            attribute = tag.name();
        } else {
            while (tag.peek().is(",")) {
                tag.skip();
                targets.add(tag.name());
            }
        }
        if (tag.peek().type() == Type.END && attribute == null && targets.size() == 1) {
            tag.expectEnd();
            List<Node> body = body(); // block set: {% set x %}...{% endset %}
            closeTag("endset");
            tag.expectEnd();
            return new SetBlock(target, body);
        }
        tag.expectOp("=");
        Expr value = tag.expression(true);
        tag.expectEnd();
        return new Set(targets, attribute, value, pos);
    }

    private Node macroNode(int pos) {
        String name = tag.name();
        tag.expectOp("(");
        List<String> params = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        while (!tag.peek().is(")")) {
            params.add(tag.name());
            if (tag.peek().is("=")) {
                tag.skip();
                defaults.add(tag.expression(true));
            } else {
                defaults.add(null);
            }
            if (!tag.peek().is(",")) {
                break;
            }
            tag.skip();
        }
        tag.expectOp(")");
        tag.expectEnd();
        List<Node> body = body();
        closeTag("endmacro");
        if (tag.peek().type() == Type.NAME) {
            tag.skip(); // {% endmacro name %}
        }
        tag.expectEnd();
        return new MacroDef(name, params, defaults, body, pos);
    }
}
