package dev.locara.cache;

/**
 * Browser storage refused or failed: not enough space, no OPFS, or a download whose bytes did
 * not match the pinned hash. {@link #code()} lets the API hand callers a stable error code.
 */
public final class StorageException extends RuntimeException {
    private final String code;

    public StorageException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** "storage_full", "storage_unavailable", "hash_mismatch", "size_mismatch" or "download_cancelled". */
    public String code() {
        return code;
    }
}
