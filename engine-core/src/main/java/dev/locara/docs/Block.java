package dev.locara.docs;

/**
 * One structural piece of a document's text, in reading order: a heading (level 1 to 6) or a run of body
 * text (level 0). {@code page} is the 1-based page a PDF block sits on, 0 for formats without pages. The
 * chunker follows these boundaries, so every reader (Markdown, HTML, PDF, plain text) hands over the same
 * shape and the chunking code is shared by the browser and the JVM.
 */
public record Block(Kind kind, int level, String text, int page) {
    public enum Kind { HEADING, TEXT }

    public Block {
        if (kind == null || text == null) {
            throw new IllegalArgumentException("A block needs a kind and a text.");
        }
        if (kind == Kind.HEADING ? level < 1 || level > 6 : level != 0) {
            throw new IllegalArgumentException("A " + kind + " block cannot have level " + level + ".");
        }
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 (no pages) or a 1-based page number, got " + page + ".");
        }
    }

    public static Block heading(int level, String text, int page) {
        return new Block(Kind.HEADING, level, text, page);
    }

    public static Block text(String text, int page) {
        return new Block(Kind.TEXT, 0, text, page);
    }
}
