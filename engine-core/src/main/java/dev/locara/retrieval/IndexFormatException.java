package dev.locara.retrieval;

/** Stored index bytes that cannot be read back: says what is wrong, and that indexing the document again fixes it. */
public final class IndexFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public IndexFormatException(String problem) {
        super(problem + " Index the document again.");
    }
}
