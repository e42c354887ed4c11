package dev.locara.cache;

/**
 * What a stored model's marker file records when its bytes are complete: the SHA-256 they hashed
 * to and their size. The start-up check ({@link StoreCheck}) holds the file against both. The file's
 * modification time is not recorded: Chromium's in-memory OPFS (incognito, test profiles) keeps it
 * unchanged across a rewrite, so it cannot stand in for hashing. Markers written before sizes were
 * recorded hold only the hash.
 *
 * @param sizeBytes -1 when the marker predates the record
 */
public record StoredRecord(String sha256, long sizeBytes) {
    public StoredRecord {
        if (sha256 == null || sha256.length() != 64) {
            throw new IllegalArgumentException("A stored model's record needs a 64-digit SHA-256, got " + sha256);
        }
    }

    /** "sha256 size", the marker's text. */
    public String text() {
        return sha256 + " " + sizeBytes;
    }

    /** Reads a marker's text; null when it is not a record (empty, cut short, or not a hash). */
    public static StoredRecord parse(String text) {
        if (text == null) {
            return null;
        }
        // indexOf, not split: String.split brings java.util.regex into the browser build (about 100 KB).
        String t = text.trim();
        int a = t.indexOf(' ');
        String hash = a < 0 ? t : t.substring(0, a);
        if (hash.length() != 64 || !hex(hash)) {
            return null;
        }
        if (a < 0) {
            return new StoredRecord(hash, -1);
        }
        try {
            long size = Long.parseLong(t.substring(a + 1));
            return size < 0 ? null : new StoredRecord(hash, size);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean hex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
