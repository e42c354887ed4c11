package dev.locara.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain text and Markdown into blocks. Plain text splits at blank lines. Markdown also knows ATX
 * ({@code ## Title}) and setext ({@code Title} over {@code ===}) headings and keeps fenced code whole, so
 * a {@code #} comment inside code is not taken for a heading. The Markdown is kept as written (not
 * rendered): the chunks then carry what the author typed, which is what keyword search should see.
 */
public final class TextReader {
    private TextReader() {
    }

    public static DocumentText plain(String name, String text) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        for (String line : lines(text)) {
            if (line.isBlank()) {
                flush(para, blocks);
            } else {
                append(para, line);
            }
        }
        flush(para, blocks);
        return new DocumentText(name, "text/plain", 0, blocks);
    }

    public static DocumentText markdown(String name, String text) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder para = new StringBuilder();
        String fence = null;
        for (String line : lines(text)) {
            String trimmed = line.strip();
            if (fence != null) {
                append(para, line);
                if (trimmed.startsWith(fence)) {
                    fence = null;
                    flush(para, blocks);
                }
                continue;
            }
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                flush(para, blocks);
                fence = trimmed.substring(0, 3);
                append(para, line);
                continue;
            }
            int level = atxLevel(line);
            if (level > 0) {
                flush(para, blocks);
                String title = atxTitle(trimmed.substring(level));
                if (!title.isEmpty()) {
                    blocks.add(Block.heading(level, title, 0));
                }
            } else if (line.isBlank()) {
                flush(para, blocks);
            } else if (para.length() > 0 && para.indexOf("\n") < 0 && setext(trimmed) > 0) {
                blocks.add(Block.heading(setext(trimmed), para.toString().strip(), 0));
                para.setLength(0);
            } else {
                append(para, line);
            }
        }
        flush(para, blocks);
        return new DocumentText(name, "text/markdown", 0, blocks);
    }

    private static List<String> lines(String text) {
        return List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
    }

    /** 1 to 6 for an ATX heading line (at most three spaces of indent, then #s and a space), else 0. */
    private static int atxLevel(String line) {
        int i = 0;
        while (i < line.length() && i < 3 && line.charAt(i) == ' ') {
            i++;
        }
        int hashes = 0;
        while (i + hashes < line.length() && line.charAt(i + hashes) == '#') {
            hashes++;
        }
        if (hashes < 1 || hashes > 6) {
            return 0;
        }
        int after = i + hashes;
        return after == line.length() || line.charAt(after) == ' ' || line.charAt(after) == '\t' ? hashes : 0;
    }

    private static String atxTitle(String rest) {
        String title = rest.strip();
        int end = title.length();
        while (end > 0 && title.charAt(end - 1) == '#') {
            end--;
        }
        // A closing run of #s counts only when a space separates it from the title.
        if (end == 0 || title.charAt(end - 1) == ' ') {
            title = title.substring(0, end);
        }
        return title.strip();
    }

    /** 1 for a line of =, 2 for a line of -, else 0. */
    private static int setext(String trimmed) {
        if (trimmed.isEmpty()) {
            return 0;
        }
        char c = trimmed.charAt(0);
        if (c != '=' && c != '-') {
            return 0;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (trimmed.charAt(i) != c) {
                return 0;
            }
        }
        return c == '=' ? 1 : 2;
    }

    private static void append(StringBuilder para, String line) {
        if (para.length() > 0) {
            para.append('\n');
        }
        para.append(line.stripTrailing());
    }

    private static void flush(StringBuilder para, List<Block> blocks) {
        String text = para.toString().strip();
        if (!text.isEmpty()) {
            blocks.add(Block.text(text, 0));
        }
        para.setLength(0);
    }
}
