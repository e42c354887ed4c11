package dev.locara.retrieval;

/** Character range [start, end) inside chunk.text() where a query term matched (for a mark in the UI). */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("A span needs 0 <= start < end, not [" + start + ", " + end + ").");
        }
    }
}
