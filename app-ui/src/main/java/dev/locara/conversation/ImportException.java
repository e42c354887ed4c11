package dev.locara.conversation;

/**
 * A conversation export (or a stored record) that cannot be read: the message is a sentence for the
 * person, saying what is wrong and what to do. Checked, so that every import path decides what the
 * page shows; when it is thrown nothing has been stored.
 */
public final class ImportException extends Exception {
    public ImportException(String message) {
        super(message);
    }
}
