package dev.locara.protocol;

/**
 * The codes a failed request carries to the caller (README, "Errors"), with their spelling on the
 * wire. Every failure the engine or the page reports has one of these, so callers can branch on it.
 */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request"),
    /** The prompt does not fit the model's context: OpenAI's code, so a chat can offer to shorten it. */
    CONTEXT_LENGTH_EXCEEDED("context_length_exceeded"),
    MODEL_NOT_FOUND("model_not_found"),
    MODEL_UNAVAILABLE("model_unavailable"),
    MODEL_NOT_LOADED("model_not_loaded"),
    INVALID_MODEL("invalid_model"),
    INSUFFICIENT_GPU_MEMORY("insufficient_gpu_memory"),
    WEBGPU_UNAVAILABLE("webgpu_unavailable"),
    GPU_ERROR("gpu_error"),
    /** The WebGPU device was lost (reset) while a request ran: the next request loads the model anew. */
    GPU_LOST("gpu_lost"),
    // browser storage (models.download, import, add, stored, delete)
    HASH_MISMATCH("hash_mismatch"),
    SIZE_MISMATCH("size_mismatch"),
    STORAGE_FULL("storage_full"),
    STORAGE_UNAVAILABLE("storage_unavailable"),
    STORAGE_ERROR("storage_error"),
    DOWNLOAD_CANCELLED("download_cancelled"),
    IMPORT_CANCELLED("import_cancelled"),
    // embeddings.create
    EMBEDDING_CANCELLED("embedding_cancelled"),
    // the engine itself
    WORKER_FAILED("worker_failed"),
    ENGINE_FAILED("engine_failed"),
    INTERNAL_ERROR("internal_error");

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as callers see it, e.g. "invalid_request". */
    public String wire() {
        return wire;
    }

    /** The code spelled {@code wire}; one the protocol does not define is refused rather than guessed. */
    public static ErrorCode fromWire(String wire) {
        for (ErrorCode c : values()) {
            if (c.wire.equals(wire)) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown error code '" + wire + "'.");
    }

    @Override
    public String toString() {
        return wire;
    }
}
