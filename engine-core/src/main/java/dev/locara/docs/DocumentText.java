package dev.locara.docs;

import java.util.List;

/**
 * A document as read from its file: its name, media type, page count (0 when the format has none) and
 * blocks. Its plain text is the blocks joined by a blank line; chunk and citation offsets count UTF-16
 * units in that text, so a viewer that shows {@link #text()} can highlight a cited passage exactly.
 */
public record DocumentText(String name, String mediaType, int pageCount, List<Block> blocks) {
    public static final String SEPARATOR = "\n\n";

    public DocumentText {
        blocks = List.copyOf(blocks);
        if (pageCount < 0) {
            throw new IllegalArgumentException("pageCount cannot be negative, got " + pageCount + ".");
        }
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        for (Block b : blocks) {
            if (out.length() > 0) {
                out.append(SEPARATOR);
            }
            out.append(b.text());
        }
        return out.toString();
    }

    /** Where each block starts in {@link #text()}. */
    public int[] blockStarts() {
        int[] starts = new int[blocks.size()];
        int at = 0;
        for (int i = 0; i < starts.length; i++) {
            starts[i] = at;
            at += blocks.get(i).text().length() + SEPARATOR.length();
        }
        return starts;
    }
}
