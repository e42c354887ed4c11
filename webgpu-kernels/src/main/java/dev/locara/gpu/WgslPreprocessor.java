package dev.locara.gpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The few preprocessor lines the kernels use to pick a quant variant inside one .wgsl file (WGSL
 * has none; ggml's WebGPU backend does the same with defines): {@code #include "file"},
 * {@code #if A || B}, {@code #elif A}, {@code #else}, {@code #endif}. A condition is true when one
 * of its names is defined. Lines that are dropped become blank, so compiler line numbers still
 * point into the file as written.
 */
public final class WgslPreprocessor {
    private WgslPreprocessor() {
    }

    /**
     * @param includes the text of an included file by name
     */
    public static String process(String source, Set<String> defines, Function<String, String> includes) {
        StringBuilder out = new StringBuilder(source.length());
        // Per open #if: whether the enclosing text is live, and whether a branch was already taken.
        Deque<boolean[]> stack = new ArrayDeque<>();
        boolean live = true;
        List<String> lines = lines(source);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.trim();
            if (t.startsWith("#if ")) {
                boolean cond = condition(t.substring(4), defines);
                stack.push(new boolean[] {live, cond});
                live = live && cond;
            } else if (t.startsWith("#elif ")) {
                boolean[] top = top(stack, t, i);
                boolean cond = !top[1] && condition(t.substring(6), defines);
                top[1] |= cond;
                live = top[0] && cond;
            } else if (t.equals("#else")) {
                boolean[] top = top(stack, t, i);
                live = top[0] && !top[1];
                top[1] = true;
            } else if (t.equals("#endif")) {
                live = top(stack, t, i)[0];
                stack.pop();
            } else if (t.startsWith("#include ")) {
                if (live) {
                    String name = t.substring(9).trim().replace("\"", "");
                    out.append(process(includes.apply(name), defines, includes));
                }
            } else if (t.startsWith("#")) {
                throw new IllegalArgumentException("Unknown preprocessor line " + (i + 1) + ": " + t);
            } else if (live) {
                out.append(line);
            }
            if (i < lines.size() - 1) {
                out.append('\n');
            }
        }
        if (!stack.isEmpty()) {
            throw new IllegalArgumentException("An #if is not closed by #endif.");
        }
        return out.toString();
    }

    /** The files {@code source} names in #include lines, live or not. */
    public static List<String> includes(String source) {
        List<String> names = new ArrayList<>();
        for (String line : lines(source)) {
            String t = line.trim();
            if (t.startsWith("#include ")) {
                names.add(t.substring(9).trim().replace("\"", ""));
            }
        }
        return names;
    }

    private static List<String> lines(String text) {
        return split(text, "\n");
    }

    /** The parts of {@code text} between {@code separator}s (String.split goes through TeaVM's regular expressions). */
    private static List<String> split(String text, String separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf(separator); i >= 0; i = text.indexOf(separator, start)) {
            parts.add(text.substring(start, i));
            start = i + separator.length();
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static boolean[] top(Deque<boolean[]> stack, String line, int index) {
        if (stack.isEmpty()) {
            throw new IllegalArgumentException("Line " + (index + 1) + " (" + line + ") has no #if.");
        }
        return stack.peek();
    }

    /** Whether {@code s} is an identifier, [A-Za-z_][A-Za-z0-9_]* (no regular expression: see {@link #split}). */
    private static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean condition(String expression, Set<String> defines) {
        boolean any = false;
        for (String name : split(expression, "||")) {
            // Names only: "A && B" or "!A" would otherwise read as one name that is never defined.
            if (!isName(name.trim())) {
                throw new IllegalArgumentException("#if takes names joined by ||, not '" + expression.trim()
                        + "': nest #if lines for 'and'.");
            }
            any |= defines.contains(name.trim());
        }
        return any;
    }
}
