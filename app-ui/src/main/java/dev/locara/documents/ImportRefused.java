package dev.locara.documents;

/** A file that is not imported, with the sentence ({@link ImportErrors}) the person sees. */
public final class ImportRefused extends Exception {
    public ImportRefused(String message) {
        super(message);
    }
}
