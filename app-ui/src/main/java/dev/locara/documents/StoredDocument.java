package dev.locara.documents;

/**
 * A stored document's metadata, as the list shows it: {@code pages} is 0 for formats without pages,
 * {@code importedAt} milliseconds since the epoch. Its text lives apart (object store "texts", same id),
 * so that listing never reads the texts.
 */
public record StoredDocument(String id, String name, double size, String mediaType, int pages, double importedAt) {
    public DocumentKind kind() {
        return DocumentKind.byMediaType(mediaType);
    }
}
