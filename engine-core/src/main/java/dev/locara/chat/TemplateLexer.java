package dev.locara.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a template into text and tags, applying Jinja's whitespace control as transformers
 * configures it for chat templates (trim_blocks and lstrip_blocks on, one trailing newline
 * dropped), and cuts each tag into expression tokens.
 */
final class TemplateLexer {
    enum Type { NAME, STRING, INT, FLOAT, OP, END }

    record Token(Type type, String text, Object value, int pos) {
        boolean is(String op) {
            return (type == Type.OP || type == Type.NAME) && text.equals(op);
        }
    }

    /** A piece of the template: literal text, or an output ({{ }}) or statement ({% %}) tag. */
    record Part(boolean text, boolean output, String literal, List<Token> tokens, int pos) {
    }

    private final String src;

    private TemplateLexer(String src) {
        this.src = src;
    }

    static List<Part> split(String template) {
        return new TemplateLexer(template).parts();
    }

    private TemplateException error(String message, int at) {
        return new TemplateException(TemplateException.Kind.SYNTAX, message, src, at);
    }

    private List<Part> parts() {
        List<Part> parts = new ArrayList<>();
        int end = src.endsWith("\n") ? src.length() - 1 : src.length();
        int i = 0;
        boolean stripNext = false; // the previous tag ended with '-'
        boolean trimNewline = false; // the previous tag was a block or comment: drop one newline after it
        while (i < end) {
            int open = findOpen(i, end);
            String text = src.substring(i, open < 0 ? end : open);
            int textPos = i;
            if (trimNewline && text.startsWith("\n")) {
                text = text.substring(1);
                textPos++;
            }
            if (stripNext) {
                int k = 0;
                while (k < text.length() && Character.isWhitespace(text.charAt(k))) {
                    k++;
                }
                text = text.substring(k);
                textPos += k;
            }
            if (open < 0) {
                addText(parts, text, textPos);
                break;
            }
            char kind = src.charAt(open + 1);
            int inner = open + 2;
            boolean leftStrip = inner < end && src.charAt(inner) == '-';
            boolean leftKeep = inner < end && src.charAt(inner) == '+';
            if (leftStrip || leftKeep) {
                inner++;
            }
            if (leftStrip) {
                text = stripTrailing(text);
            } else if (kind != '{' && !leftKeep) {
                text = lstripBlock(text);
            }
            addText(parts, text, textPos);
            if (kind == '#') {
                int close = src.indexOf("#}", inner);
                if (close < 0) {
                    throw error("the comment is never closed with '#}'", open);
                }
                stripNext = src.charAt(close - 1) == '-';
                trimNewline = true;
                i = close + 2;
                continue;
            }
            List<Token> tokens = new ArrayList<>();
            int close = tokenize(inner, kind == '{' ? '}' : '%', tokens, open);
            stripNext = src.charAt(close - 1) == '-' && close - 1 >= inner;
            if (stripNext && !tokens.isEmpty()) {
                Token last = tokens.get(tokens.size() - 1);
                if (last.is("-") && last.pos() == close - 1) {
                    tokens.remove(tokens.size() - 1);
                }
            }
            trimNewline = kind == '%';
            tokens.add(new Token(Type.END, "", null, close));
            parts.add(new Part(false, kind == '{', null, tokens, open));
            i = close + 2;
        }
        return parts;
    }

    private static void addText(List<Part> parts, String text, int pos) {
        if (!text.isEmpty()) {
            parts.add(new Part(true, false, text, null, pos));
        }
    }

    private int findOpen(int from, int end) {
        for (int k = from; k + 1 < end; k++) {
            if (src.charAt(k) == '{') {
                char n = src.charAt(k + 1);
                if (n == '{' || n == '%' || n == '#') {
                    return k;
                }
            }
        }
        return -1;
    }

    private static String stripTrailing(String text) {
        int k = text.length();
        while (k > 0 && Character.isWhitespace(text.charAt(k - 1))) {
            k--;
        }
        return text.substring(0, k);
    }

    /** lstrip_blocks: spaces and tabs between a line start and a block tag go. */
    private static String lstripBlock(String text) {
        int k = text.length();
        while (k > 0 && (text.charAt(k - 1) == ' ' || text.charAt(k - 1) == '\t')) {
            k--;
        }
        // Only when nothing else precedes the tag on its line; the first text of the template counts as a line start.
        return k == 0 || text.charAt(k - 1) == '\n' ? text.substring(0, k) : text;
    }

    /** Tokens of one tag up to its closing "}}" or "%}"; returns the offset of that closing pair. */
    private int tokenize(int i, char closer, List<Token> out, int open) {
        while (true) {
            if (i >= src.length()) {
                throw error("the tag is never closed with '" + closer + "}'", open);
            }
            char c = src.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            if (c == closer && i + 1 < src.length() && src.charAt(i + 1) == '}') {
                return i;
            }
            if (c == '-' && i + 2 < src.length() && src.charAt(i + 1) == closer && src.charAt(i + 2) == '}') {
                return i + 1;
            }
            if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Type.NAME, src.substring(s, i), null, s));
                continue;
            }
            if (c >= '0' && c <= '9') {
                int s = i;
                while (i < src.length() && Character.isDigit(src.charAt(i))) {
                    i++;
                }
                boolean real = false;
                if (i + 1 < src.length() && src.charAt(i) == '.' && Character.isDigit(src.charAt(i + 1))) {
                    real = true;
                    i++;
                    while (i < src.length() && Character.isDigit(src.charAt(i))) {
                        i++;
                    }
                }
                String t = src.substring(s, i);
                out.add(real ? new Token(Type.FLOAT, t, Double.parseDouble(t), s) : new Token(Type.INT, t, Long.parseLong(t), s));
                continue;
            }
            if (c == '\'' || c == '"') {
                int s = i;
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= src.length()) {
                        throw error("the string is never closed", s);
                    }
                    char d = src.charAt(i++);
                    if (d == c) {
                        break;
                    }
                    if (d != '\\') {
                        sb.append(d);
                        continue;
                    }
                    char e = i < src.length() ? src.charAt(i++) : '\\';
                    switch (e) {
                        case 'n': sb.append('\n'); break;
                        case 't': sb.append('\t'); break;
                        case 'r': sb.append('\r'); break;
                        case '\\': case '\'': case '"': sb.append(e); break;
                        case '\n': break; // a backslash-newline continues the string, as in Python
                        default: sb.append('\\').append(e); // Python keeps unknown escapes as written
                    }
                }
                out.add(new Token(Type.STRING, src.substring(s, i), sb.toString(), s));
                continue;
            }
            String two = i + 1 < src.length() ? src.substring(i, i + 2) : "";
            if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("//")
                    || two.equals("**")) {
                out.add(new Token(Type.OP, two, null, i));
                i += 2;
                continue;
            }
            if ("+-*/%~<>()[]{},.:|=".indexOf(c) >= 0) {
                out.add(new Token(Type.OP, String.valueOf(c), null, i));
                i++;
                continue;
            }
            throw error("unexpected character '" + c + "'", i);
        }
    }
}
