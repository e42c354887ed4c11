package dev.locara.chat;

import dev.locara.chat.TemplateLexer.Token;
import dev.locara.chat.TemplateLexer.Type;
import dev.locara.chat.TemplateNodes.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** One tag's tokens and a cursor over them: recursive descent with Jinja2's operator precedence. */
final class ExpressionParser {
    private final String src;
    private final List<Token> toks;
    private int t; // current token
    private final int maxNesting;
    private int nesting; // brackets, unary operators and 'not' open at the cursor

    ExpressionParser(String src, List<Token> toks, int maxNesting) {
        this.src = src;
        this.toks = toks;
        this.maxNesting = maxNesting;
    }

    TemplateException error(String message, int at) {
        return new TemplateException(TemplateException.Kind.SYNTAX, message, src, at);
    }

    // ---- expressions, loosest binding first ------------------------------------------------

    Expr expression(boolean allowConditional) {
        open();
        try {
            return conditional(allowConditional);
        } finally {
            nesting--;
        }
    }

    /** Counts one more level of recursion; deeper than maxNesting is a hostile template, not a chat format. */
    private void open() {
        if (++nesting > maxNesting) {
            throw TemplateException.limit("maxNesting", "the expression nests more than " + maxNesting + " levels deep",
                    src, peek().pos());
        }
    }

    private Expr conditional(boolean allowConditional) {
        Expr e = or();
        if (allowConditional && peek().is("if")) {
            int pos = next().pos();
            Expr condition = or();
            Expr otherwise = null;
            if (peek().is("else")) {
                t++;
                otherwise = expression(true);
            }
            return new Conditional(condition, e, otherwise, pos);
        }
        return e;
    }

    private Expr or() {
        return leftAssociative(this::and, "or");
    }

    private Expr and() {
        return leftAssociative(this::not, "and");
    }

    private Expr not() {
        if (peek().is("not")) {
            int pos = next().pos();
            open();
            try {
                return new Not(not(), pos);
            } finally {
                nesting--;
            }
        }
        return compare();
    }

    private Expr compare() {
        Expr e = math1();
        while (true) {
            Token k = peek();
            if (isAny(k, "==", "!=", "<", "<=", ">", ">=")) {
                t++;
                e = new Binary(k.text(), e, math1(), k.pos());
            } else if (k.is("in")) {
                t++;
                e = new Binary("in", e, math1(), k.pos());
            } else if (k.is("not") && t + 1 < toks.size() && toks.get(t + 1).is("in")) {
                t += 2;
                e = new Not(new Binary("in", e, math1(), k.pos()), k.pos());
            } else {
                return e;
            }
        }
    }

    private Expr math1() {
        return leftAssociative(this::concat, "+", "-");
    }

    private Expr concat() {
        return leftAssociative(this::math2, "~");
    }

    private Expr math2() {
        return leftAssociative(this::pow, "*", "/", "//", "%");
    }

    private Expr pow() {
        return leftAssociative(this::unary, "**");
    }

    /** One level of left-associative binary operators: {@code operand (op operand)*}. */
    private Expr leftAssociative(Supplier<Expr> operand, String... ops) {
        Expr e = operand.get();
        while (isAny(peek(), ops)) {
            Token k = next();
            e = new Binary(k.text(), e, operand.get(), k.pos());
        }
        return e;
    }

    private static boolean isAny(Token k, String... ops) {
        for (String op : ops) {
            if (k.is(op)) {
                return true;
            }
        }
        return false;
    }

    private Expr unary() {
        Token k = peek();
        if (k.type() == Type.OP && (k.is("-") || k.is("+"))) {
            t++;
            open();
            Expr operand;
            try {
                operand = unary();
            } finally {
                nesting--;
            }
            return k.is("-") ? new Binary("-", new Literal(0L), operand, k.pos()) : operand;
        }
        return filters(postfix(primary()));
    }

    /** Filters ({@code x | f(a)}) and tests ({@code x is [not] t(a)}) bind tighter than any operator. */
    private Expr filters(Expr e) {
        while (true) {
            Token k = peek();
            if (k.is("|")) {
                t++;
                Token name = nameToken();
                List<Expr> args = new ArrayList<>();
                Map<String, Expr> kwargs = new LinkedHashMap<>();
                if (peek().is("(")) {
                    arguments(args, kwargs);
                }
                e = new Filter(e, name.text(), args, kwargs, name.pos());
            } else if (k.is("is")) {
                t++;
                boolean negated = false;
                if (peek().is("not")) {
                    t++;
                    negated = true;
                }
                Token name = peek();
                if (name.is("none") || name.is("true") || name.is("false") || name.type() == Type.NAME) {
                    t++;
                } else {
                    throw error("expected a test name after 'is'", name.pos());
                }
                List<Expr> args = new ArrayList<>();
                if (peek().is("(")) {
                    arguments(args, new LinkedHashMap<>());
                } else if (peek().type() == Type.STRING || peek().type() == Type.INT || peek().type() == Type.FLOAT) {
                    args.add(postfix(primary())); // "is divisibleby 3", "is equalto 'x'"
                }
                Expr test = new Test(e, name.text(), args, name.pos());
                e = negated ? new Not(test, name.pos()) : test;
            } else {
                return e;
            }
        }
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token k = peek();
            if (k.is(".")) {
                t++;
                Token name = next();
                if (name.type() != Type.NAME && name.type() != Type.INT) {
                    throw error("expected an attribute name after '.'", name.pos());
                }
                e = new Attribute(e, new Literal(name.type() == Type.INT ? name.value() : name.text()), k.pos());
            } else if (k.is("[")) {
                t++;
                Expr[] slice = new Expr[3];
                boolean isSlice = false;
                int part = 0;
                while (!peek().is("]")) {
                    if (peek().is(":")) {
                        t++;
                        isSlice = true;
                        if (++part > 2) {
                            throw error("a slice has at most two ':'", k.pos());
                        }
                    } else {
                        slice[part] = expression(true);
                    }
                }
                t++;
                if (isSlice) {
                    e = new Slice(e, slice[0], slice[1], slice[2], k.pos());
                } else if (slice[0] == null) {
                    throw error("empty subscript '[]'", k.pos());
                } else {
                    e = new Attribute(e, slice[0], k.pos());
                }
            } else if (k.is("(")) {
                List<Expr> args = new ArrayList<>();
                Map<String, Expr> kwargs = new LinkedHashMap<>();
                arguments(args, kwargs);
                e = new Call(e, args, kwargs, k.pos());
            } else {
                return e;
            }
        }
    }

    private void arguments(List<Expr> args, Map<String, Expr> kwargs) {
        expectOp("(");
        while (!peek().is(")")) {
            if (peek().type() == Type.NAME && t + 1 < toks.size() && toks.get(t + 1).is("=")) {
                String key = next().text();
                t++;
                kwargs.put(key, expression(true));
            } else {
                args.add(expression(true));
            }
            if (!peek().is(",")) {
                break;
            }
            t++;
        }
        expectOp(")");
    }

    private Expr primary() {
        Token k = next();
        switch (k.type()) {
            case STRING: {
                StringBuilder sb = new StringBuilder((String) k.value());
                while (peek().type() == Type.STRING) {
                    sb.append((String) next().value()); // adjacent literals concatenate, as in Python
                }
                return new Literal(sb.toString());
            }
            case INT:
            case FLOAT:
                return new Literal(k.value());
            case NAME:
                switch (k.text()) {
                    case "true": case "True": return new Literal(Boolean.TRUE);
                    case "false": case "False": return new Literal(Boolean.FALSE);
                    case "none": case "None": return new Literal(null);
                    default: return new Variable(k.text(), k.pos());
                }
            case OP:
                if (k.is("(")) {
                    if (peek().is(")")) {
                        t++;
                        return new ListLiteral(List.of(), k.pos());
                    }
                    Expr first = expression(true);
                    if (peek().is(",")) { // a tuple: the runtime treats it as a list
                        List<Expr> items = new ArrayList<>();
                        items.add(first);
                        while (peek().is(",")) {
                            t++;
                            if (peek().is(")")) {
                                break;
                            }
                            items.add(expression(true));
                        }
                        expectOp(")");
                        return new ListLiteral(items, k.pos());
                    }
                    expectOp(")");
                    return first;
                }
                if (k.is("[")) {
                    List<Expr> items = new ArrayList<>();
                    while (!peek().is("]")) {
                        items.add(expression(true));
                        if (!peek().is(",")) {
                            break;
                        }
                        t++;
                    }
                    expectOp("]");
                    return new ListLiteral(items, k.pos());
                }
                if (k.is("{")) {
                    List<Expr> keys = new ArrayList<>();
                    List<Expr> values = new ArrayList<>();
                    while (!peek().is("}")) {
                        keys.add(expression(true));
                        expectOp(":");
                        values.add(expression(true));
                        if (!peek().is(",")) {
                            break;
                        }
                        t++;
                    }
                    expectOp("}");
                    return new DictLiteral(keys, values, k.pos());
                }
                throw error("unexpected '" + k.text() + "'", k.pos());
            default:
                throw error("the expression ends too early", k.pos());
        }
    }

    // ---- token helpers --------------------------------------------------------------------

    /** Steps over the token {@link #peek} returned. */
    void skip() {
        t++;
    }

    Token peek() {
        return toks.get(Math.min(t, toks.size() - 1));
    }

    Token next() {
        Token k = peek();
        if (t < toks.size() - 1) {
            t++;
        }
        return k;
    }

    private Token nameToken() {
        Token k = next();
        if (k.type() != Type.NAME) {
            throw error("expected a name but found '" + k.text() + "'", k.pos());
        }
        return k;
    }

    String name() {
        return nameToken().text();
    }

    void expectOp(String op) {
        Token k = next();
        if (!k.is(op)) {
            throw error("expected '" + op + "' but found '" + (k.type() == Type.END ? "end of tag" : k.text()) + "'", k.pos());
        }
    }

    void expectWord(String word) {
        expectOp(word);
    }

    void expectEnd() {
        Token k = peek();
        if (k.type() != Type.END) {
            throw error("unexpected '" + k.text() + "'", k.pos());
        }
    }
}
