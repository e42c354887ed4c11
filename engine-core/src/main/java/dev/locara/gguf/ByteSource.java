package dev.locara.gguf;

/**
 * Random-access bytes of a model file. Implementations read from a local file (JVM), HTTP range
 * requests or browser storage; callers never need the whole file as one array.
 */
public interface ByteSource {
    /** Total size in bytes. */
    long size();

    /**
     * Reads exactly {@code length} bytes starting at {@code offset} into {@code dst}.
     *
     * @throws GgufException of kind {@link GgufException.Kind#TRUNCATED} when the range passes the end
     */
    void readFully(long offset, byte[] dst, int dstOffset, int length);

    /** The check every implementation makes before reading. */
    static void checkRange(long offset, int length, long size) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new GgufException(GgufException.Kind.TRUNCATED, "Read of " + length + " bytes at " + offset
                    + " passes the end of the " + size + "-byte file.");
        }
    }
}
