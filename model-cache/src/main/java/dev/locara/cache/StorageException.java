package dev.locara.cache;

import dev.locara.protocol.Coded;
import dev.locara.protocol.ErrorCode;

/**
 * Browser storage refused or failed: not enough space, no OPFS, or a download whose bytes did
 * not match the pinned hash. {@link #code()} lets the API hand callers a stable error code.
 */
public final class StorageException extends RuntimeException implements Coded {
    private final ErrorCode code;

    /** @param code one of {@link ErrorCode}'s wire names; an unknown one fails here, where it is written */
    public StorageException(String code, String message) {
        super(message);
        this.code = ErrorCode.fromWire(code);
    }

    /** "storage_full", "storage_unavailable", "hash_mismatch", "size_mismatch", "download_cancelled", ... */
    public String code() {
        return code.wire();
    }

    @Override
    public ErrorCode errorCode() {
        return code;
    }
}
