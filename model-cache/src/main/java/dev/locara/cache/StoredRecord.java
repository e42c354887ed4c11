package dev.locara.cache;

/**
 * What a stored model's marker file records when its bytes are complete: the SHA-256 they hashed
 * to, their size, and the file's modification time then. At start the app compares the file with
 * it: a file whose size and modification time are unchanged has not been written since it was
 * verified; any other is hashed again before it counts as stored (see {@link StoreCheck}).
 * Markers written before sizes and times were recorded hold only the hash.
 *
 * @param sizeBytes    -1 when the marker predates the record (the file is then hashed again)
 * @param lastModified the file's lastModified (epoch ms) when it was verified; -1 as above
 */
public record StoredRecord(String sha256, long sizeBytes, double lastModified) {
    public StoredRecord {
        if (sha256 == null || sha256.length() != 64) {
            throw new IllegalArgumentException("A stored model's record needs a 64-digit SHA-256, got " + sha256);
        }
    }

    /** "sha256 size lastModified", the marker's text. */
    public String text() {
        return sha256 + " " + sizeBytes + " " + (long) lastModified;
    }

    /** Whether this record says the file may be trusted without hashing it again. */
    public boolean unchanged(long size, double modified) {
        return sizeBytes >= 0 && lastModified >= 0 && size == sizeBytes && modified == lastModified;
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
            return new StoredRecord(hash, -1, -1);
        }
        int b = t.indexOf(' ', a + 1);
        if (b < 0 || t.indexOf(' ', b + 1) >= 0) {
            return null;
        }
        try {
            return new StoredRecord(hash, Long.parseLong(t.substring(a + 1, b)), Long.parseLong(t.substring(b + 1)));
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
