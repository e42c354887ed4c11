package dev.locara.markdown.entities;

import java.util.HashMap;
import java.util.Map;
import org.commonmark.internal.util.Html5EntityTable;

/**
 * Stands in for commonmark's org.commonmark.internal.util.Html5Entities in the browser: the library's
 * class reads its table with Class.getResourceAsStream, and TeaVM's wasm-gc target has no class path
 * resources (the parser hung, then dereferenced null, on the first named entity). {@link EntitySubstitution}
 * tells TeaVM to compile this class in its place (a class of the same name in the app did not do:
 * TeaVM's Maven plugin puts the dependencies before the module's own classes); on the JVM the library's
 * own class runs. The table is the jar's entities.txt compiled into Java (Html5EntityTable, generated),
 * and Html5EntitiesTest holds the two to the same text and answers. The decoding below follows the
 * library's method step for step.
 */
public class Html5Entities {
    private static final Map<String, String> NAMED_CHARACTER_REFERENCES = readEntities();

    /** {@code &name;}, {@code &#123;} or {@code &#x7b;} as the text it stands for; anything else unchanged. */
    public static String entityToString(String input) {
        if (!input.startsWith("&") || !input.endsWith(";")) {
            return input;
        }
        String value = input.substring(1, input.length() - 1);
        if (value.startsWith("#")) {
            value = value.substring(1);
            int base = 10;
            if (value.startsWith("x") || value.startsWith("X")) {
                value = value.substring(1);
                base = 16;
            }
            try {
                int codePoint = Integer.parseInt(value, base);
                return codePoint == 0 ? "\uFFFD" : new String(Character.toChars(codePoint));
            } catch (IllegalArgumentException e) {
                return "\uFFFD";
            }
        }
        String named = NAMED_CHARACTER_REFERENCES.get(value);
        return named != null ? named : input;
    }

    private static Map<String, String> readEntities() {
        Map<String, String> entities = new HashMap<>();
        String text = Html5EntityTable.TEXT;
        for (int start = 0; start < text.length(); ) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            int eq = line.indexOf('=');
            if (!line.isEmpty() && eq > 0) {
                entities.put(line.substring(0, eq), line.substring(eq + 1));
            }
            start = end + 1;
        }
        entities.put("NewLine", "\n");
        return entities;
    }
}
