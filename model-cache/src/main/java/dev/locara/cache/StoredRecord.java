package dev.locara.cache;

/**
 * What a stored model's marker file records when its bytes are complete: the SHA-256 they hashed
 * to, their size, and the file's modification time when that hash was last checked. The start-up
 * check ({@link StoreCheck}) holds the file against all three: where the storage moves a file's
 * time on every write (it probes that first), an unchanged size and time spare the hash; elsewhere
 * (Chromium's in-memory OPFS of incognito and test profiles keeps the time across a rewrite) the
 * file is hashed. Markers written before sizes or times were recorded hold less.
 *
 * @param sizeBytes  -1 when the marker predates the record
 * @param modifiedMs the file's lastModified (epoch ms) when its hash last matched, -1 when not recorded
 */
public record StoredRecord(String sha256, long sizeBytes, long modifiedMs) {
    public StoredRecord {
        if (sha256 == null || sha256.length() != 64) {
            throw new IllegalArgumentException("A stored model's record needs a 64-digit SHA-256, got " + sha256);
        }
    }

    public StoredRecord(String sha256, long sizeBytes) {
        this(sha256, sizeBytes, -1);
    }

    /** "sha256 size" or "sha256 size modified", the marker's text. */
    public String text() {
        return sha256 + " " + sizeBytes + (modifiedMs >= 0 ? " " + modifiedMs : "");
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
        int b = t.indexOf(' ', a + 1);
        long size = number(b < 0 ? t.substring(a + 1) : t.substring(a + 1, b));
        long modified = b < 0 ? -1 : number(t.substring(b + 1));
        if (size < 0 || (b >= 0 && modified < 0)) {
            return null;
        }
        return new StoredRecord(hash, size, modified);
    }

    /** A non-negative decimal number, or -1. */
    private static long number(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
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
