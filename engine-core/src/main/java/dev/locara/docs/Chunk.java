package dev.locara.docs;

import java.util.List;

/**
 * A passage of one document, the unit that is indexed, retrieved and cited. {@code start} and {@code end}
 * are UTF-16 offsets into {@link DocumentText#text()}, so {@code text().substring(start, end)} is
 * {@code text}; {@code headingPath} is the titles of the sections it sits in, outermost first;
 * {@code page} is its 1-based PDF page, 0 for formats without pages.
 */
public record Chunk(String documentId, int ordinal, List<String> headingPath, int page, int start, int end, String text,
                    int tokens) {
    public Chunk {
        headingPath = List.copyOf(headingPath);
        if (documentId == null || text == null || start < 0 || end < start || end - start != text.length()) {
            throw new IllegalArgumentException("A chunk needs a document id and a text whose length is end - start.");
        }
    }

    /**
     * The text the indexes see: the heading path, then the passage, so a question naming a section's topic
     * finds passages of that section that do not repeat its title.
     */
    public String indexedText() {
        return headingPath.isEmpty() ? text : String.join(" / ", headingPath) + "\n" + text;
    }

    /** Whether this and {@code other} are of one document and share more than half of the shorter one's characters. */
    public boolean nearDuplicateOf(Chunk other) {
        if (!documentId.equals(other.documentId)) {
            return false;
        }
        int shared = Math.min(end, other.end) - Math.max(start, other.start);
        int shorter = Math.min(end - start, other.end - other.start);
        return shared > 0 && 2 * shared > shorter;
    }
}
